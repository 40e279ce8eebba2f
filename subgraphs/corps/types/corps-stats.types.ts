// The corps' figures on the city dashboard (GraphQL-only types, computed in SQL).
import { Field, Int, ObjectType } from "type-graphql";
import { VolunteerStatus } from "../../shared/vocabulary";
import { ExpertType } from "../vocabulary";

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
}
