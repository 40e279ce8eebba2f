// The corps' figures on the city dashboard (GraphQL-only types, computed in SQL).
import { Field, Int, ObjectType } from "type-graphql";
import { VolunteerStatus } from "../../shared/vocabulary";
import { BranchKind, ExpertType } from "../vocabulary";

@ObjectType({ description: "Volunteers of one expert type." })
export class ExpertTypeCount {
  @Field(() => ExpertType)
  expertType: ExpertType;

  @Field(() => Int, { description: "Volunteers on the books (every status but WITHDRAWN)." })
  count: number;

  @Field(() => Int, { description: "Of those, APPOINTED (serving) now." })
  appointed: number;
}

@ObjectType({ description: "Volunteers in one lifecycle status." })
export class VolunteerStatusCount {
  @Field(() => VolunteerStatus)
  status: VolunteerStatus;

  @Field(() => Int)
  count: number;
}

export const BY_BRANCH_KIND =
  "Every branch kind, zero ones included; the kinds add up to the corps' figures. REGION: the districts' regional branches, whose APPOINTED volunteers District.volunteerCount counts; INDUSTRY: the industry branches, which belong to no district.";

@ObjectType({ description: "Volunteers of the branches (支队) of one kind." })
export class BranchKindCount {
  @Field(() => BranchKind)
  kind: BranchKind;

  @Field(() => Int, { description: "Volunteers on the books (every status but WITHDRAWN)." })
  count: number;

  @Field(() => Int, { description: "Of those, APPOINTED (serving) now." })
  appointed: number;
}

@ObjectType({ description: "The expert volunteer corps in figures, now." })
export class CorpsStats {
  @Field(() => Int, { description: "Volunteers on the books (every status but WITHDRAWN)." })
  volunteers: number;

  @Field(() => Int, { description: "Volunteers APPOINTED (serving) now." })
  appointed: number;

  @Field(() => [ExpertTypeCount], { description: "Every expert type, zero ones included." })
  byExpertType: ExpertTypeCount[];

  @Field(() => [VolunteerStatusCount], { description: "Every status, zero ones included." })
  byStatus: VolunteerStatusCount[];

  @Field(() => [BranchKindCount], { description: BY_BRANCH_KIND })
  byBranchKind: BranchKindCount[];
}
