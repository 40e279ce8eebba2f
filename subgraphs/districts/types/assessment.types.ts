// The stations' annual assessment (考核) as the API answers it.
import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A weight of the assessment formula (ASSESSMENT_WEIGHTS)." })
export class AssessmentWeight {
  @Field()
  figure: string;

  @Field(() => Float)
  weight: number;
}

@ObjectType({
  description: "A station's year from its closed months, scored and ranked in its district.",
})
export class StationAssessment {
  @Field(() => Int)
  year: number;

  stationId: number;
  districtCode: string;

  @Field(() => Int, {
    description: "1 for the highest score in its district; equal scores share a rank.",
  })
  rank: number;

  @Field(() => Float, {
    description: "Σ weight × figure (the weights are on StationAssessmentReport).",
  })
  score: number;

  @Field(() => Int, { description: "Closed months of the year the station was reported in." })
  monthsReported: number;

  @Field(() => Int)
  activities: number;

  @Field(() => Int)
  enterprisesServed: number;

  @Field(() => Float)
  serviceHours: number;

  @Field(() => Int)
  demandsCollected: number;

  @Field(() => Int)
  demandsResolved: number;

  @Field(() => Float, {
    nullable: true,
    description: "Resolved of collected, 0-1; null without demands.",
  })
  resolutionRate: number | null;

  @Field(() => Float, { nullable: true })
  meanSatisfaction: number | null;

  @Field(() => Int, { description: "Closed months at whose end the station was idle." })
  monthsIdle: number;
}

@ObjectType({ description: "The stations' assessment (考核) of a year, from its closed months." })
export class StationAssessmentReport {
  @Field(() => Int)
  year: number;

  @Field(() => [String], {
    description: "The closed months it is computed from (latest revisions).",
  })
  closedMonths: string[];

  @Field(() => [AssessmentWeight])
  weights: AssessmentWeight[];

  @Field(() => [StationAssessment], { description: "By district, then rank." })
  stations: StationAssessment[];
}
