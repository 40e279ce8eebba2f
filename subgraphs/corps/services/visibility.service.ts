// Who sees which volunteers, however a volunteer is reached: the root query volunteer(id) and a
// reference from another subgraph (a story's volunteers, a platform's mentors, _entities) apply
// the same rule. Anonymous callers see serving (APPOINTED) volunteers only; signed-in callers
// see every volunteer (their personal data is masked field by field, personal-data.service.ts).
import type { Caller } from "../../../runtime/auth";
import { VolunteerStatus } from "../../shared/vocabulary";
import type { Volunteer } from "../entities/volunteer.entity";

export function visibleVolunteer(
  caller: Caller | null,
  volunteer: Volunteer | null | undefined,
): Volunteer | null {
  if (!volunteer) return null;
  return caller || volunteer.status === VolunteerStatus.APPOINTED ? volunteer : null;
}
