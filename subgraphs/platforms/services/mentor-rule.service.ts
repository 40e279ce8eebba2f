// docs/domain.md rule 5: startup bases need enough APPOINTED mentors; one short is flagged, not hidden.
import { VolunteerStatus } from "../../shared/vocabulary";
import { PlatformKind } from "../vocabulary";

/** Appointed mentors each kind of platform needs. */
export const MENTOR_MINIMUM: Record<PlatformKind, number> = {
  [PlatformKind.COMPREHENSIVE_BASE]: 3,
  [PlatformKind.SPECIALISED_BASE]: 1,
  [PlatformKind.PUBLIC_SERVICE]: 0,
};

export const requiredMentors = (kind: PlatformKind) => MENTOR_MINIMUM[kind];

/**
 * Whether enough of the mentors are APPOINTED, given each mentor's status as corps reported it;
 * null when corps did not answer for every mentor.
 */
export function isMentorRequirementMet(
  kind: PlatformKind,
  mentors: ReadonlyArray<{ status?: string | null } | null>,
): boolean | null {
  if (mentors.some((m) => !m?.status)) return null;
  const serving = mentors.filter((m) => m?.status === VolunteerStatus.APPOINTED);
  return serving.length >= MENTOR_MINIMUM[kind];
}
