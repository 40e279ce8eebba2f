// The mentor rule (docs/domain.md rule 5) without a server: APPOINTED mentors only, null when unknown.
import {
  isMentorRequirementMet,
  requiredMentors,
} from "../../subgraphs/platforms/services/mentor-rule.service";
import { PlatformKind } from "../../subgraphs/platforms/vocabulary";

const mentors = (...statuses: Array<string | null>) =>
  statuses.map((status) => (status === null ? null : { status }));

describe("mentor rule", () => {
  it("needs 3 mentors for a comprehensive base, 1 for a specialised one, none otherwise", () => {
    expect(requiredMentors(PlatformKind.COMPREHENSIVE_BASE)).toBe(3);
    expect(requiredMentors(PlatformKind.SPECIALISED_BASE)).toBe(1);
    expect(requiredMentors(PlatformKind.PUBLIC_SERVICE)).toBe(0);
  });

  it("counts only APPOINTED mentors", () => {
    const base = PlatformKind.COMPREHENSIVE_BASE;
    expect(isMentorRequirementMet(base, mentors("APPOINTED", "APPOINTED", "APPOINTED"))).toBe(true);
    expect(isMentorRequirementMet(base, mentors("APPOINTED", "APPOINTED", "SUSPENDED"))).toBe(
      false,
    );
    expect(isMentorRequirementMet(PlatformKind.SPECIALISED_BASE, mentors("WITHDRAWN"))).toBe(false);
    expect(isMentorRequirementMet(PlatformKind.SPECIALISED_BASE, [])).toBe(false);
    expect(isMentorRequirementMet(PlatformKind.PUBLIC_SERVICE, [])).toBe(true);
  });

  it("is null when corps did not answer for every mentor", () => {
    const base = PlatformKind.SPECIALISED_BASE;
    expect(isMentorRequirementMet(base, mentors("APPOINTED", null))).toBeNull();
    expect(isMentorRequirementMet(base, [{ status: "APPOINTED" }, {}])).toBeNull();
  });
});
