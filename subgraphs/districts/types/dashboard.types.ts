// The city dashboard's aggregates that districts computes: demand statistics and the monthly
// service trend (GraphQL-only types; every figure is computed in SQL).
import { Field, Float, Int, ObjectType } from "type-graphql";
import { FocusGroup, ServiceCategory } from "../../shared/vocabulary";

@ObjectType({ description: "Demands of one service category." })
export class CategoryStat {
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => Int, { description: "Demands collected in the range." })
  total: number;

  @Field(() => Int, { description: "Of those, demands now RESOLVED." })
  resolved: number;
}

@ObjectType({ description: "Demands of one focus group (重点群体)." })
export class FocusGroupStat {
  @Field(() => FocusGroup)
  focusGroup: FocusGroup;

  @Field(() => Int, { description: "Demands collected in the range." })
  total: number;

  @Field(() => Int, { description: "Of those, demands now RESOLVED." })
  resolved: number;
}

@ObjectType({ description: "Demands of 专精特新 (specialised) enterprises, or of the others." })
export class SpecialisedStat {
  @Field({ description: "True for specialised, refined, distinctive, innovative enterprises." })
  specialised: boolean;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  resolved: number;
}

@ObjectType({ description: "SME service demands collected in a date range." })
export class DemandStats {
  @Field(() => Int, { description: "Demands collected in the range." })
  total: number;

  @Field(() => Int, { description: "Of those, demands now RESOLVED." })
  resolved: number;

  @Field(() => Float, { description: "resolved / total, 0 to 1 (0 when there are none)." })
  resolutionRate: number;

  @Field(() => Float, {
    nullable: true,
    description: "Mean satisfaction (1-5) of the resolved demands that were rated; null if none.",
  })
  averageSatisfaction: number | null;

  @Field(() => Int, { description: "The ratings averageSatisfaction is the mean of." })
  ratedCount: number;

  @Field(() => Int, {
    description:
      "Of those, the enterprises' own ratings (rateDemand); the others were set by their districts.",
  })
  enterpriseRatedCount: number;

  @Field(() => Int, { description: "Of those, demands still OPEN." })
  open: number;

  @Field(() => [CategoryStat], { description: "Every service category, zero ones included." })
  byCategory: CategoryStat[];

  @Field(() => [FocusGroupStat], {
    description: "Every focus group, zero ones included; demands without one are not listed.",
  })
  byFocusGroup: FocusGroupStat[];

  @Field(() => [SpecialisedStat], { description: "Specialised (专精特新) enterprises and others." })
  bySpecialised: SpecialisedStat[];
}

@ObjectType({ description: "Volunteer service in one month." })
export class MonthStat {
  @Field({ description: "The month, YYYY-MM (Shenzhen dates)." })
  month: string;

  @Field(() => Int, { description: "Activities held in the month (within the range)." })
  activities: number;

  @Field(() => Float, { description: "Verified service hours of those activities." })
  serviceHours: number;

  @Field(() => Int, { description: "Enterprises served by those activities." })
  enterprisesServed: number;
}

@ObjectType({ description: "Volunteer service of one service category." })
export class CategoryService {
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => Int, { description: "Activities held in the range." })
  activities: number;

  @Field(() => Float, { description: "Verified service hours of those activities." })
  serviceHours: number;

  @Field(() => Int, { description: "Enterprises served by those activities." })
  enterprisesServed: number;
}
