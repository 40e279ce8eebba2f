import { Field, InputType } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { ServiceCategory } from "../../shared/vocabulary";

/** A year (2026), a half (2026-H1) or a quarter (2026-Q3). */
export const PLAN_PERIOD = /^\d{4}(-(H[12]|Q[1-4]))?$/;
export const PLAN_PERIOD_MESSAGE =
  "period must be a year (2026), a half (2026-H1) or a quarter (2026-Q3)";

@InputType({ description: "A public-service plan (公益服务计划) to propose." })
export class ServicePlanInput {
  @Field({ description: "What the plan offers, 2-200 characters." })
  @Chars(2, 200, { message: "title must be 2-200 characters" })
  title: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field({ description: "A year (2026), a half (2026-H1) or a quarter (2026-Q3)." })
  @Matches(PLAN_PERIOD, { message: PLAN_PERIOD_MESSAGE })
  period: string;

  @Field({ description: "The enterprise or organisation proposing it, 2-200 characters." })
  @Chars(2, 200, { message: "proposer must be 2-200 characters" })
  proposer: string;

  @Field(() => String, { nullable: true, description: "Details, up to 2000 characters." })
  @IsOptional()
  @Chars(0, 2000, { message: "description must be at most 2000 characters" })
  description?: string | null;
}
