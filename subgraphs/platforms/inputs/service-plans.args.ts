// The arguments of Query.servicePlans: per platform, category, period and status, and the page.
import { ArgsType, Field, ID } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { PageArgs } from "../../shared/pagination";
import { ServiceCategory } from "../../shared/vocabulary";
import { PlanStatus } from "../vocabulary";
import { PLAN_PERIOD, PLAN_PERIOD_MESSAGE } from "./service-plan.input";

@ArgsType()
export class ServicePlansArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this platform's plans." })
  platformId?: string | null;

  @Field(() => ServiceCategory, { nullable: true, description: "Only plans of this category." })
  category?: ServiceCategory | null;

  @Field(() => String, {
    nullable: true,
    description: "Only plans for exactly this period: 2026, 2026-H1 or 2026-Q3.",
  })
  @IsOptional()
  @Matches(PLAN_PERIOD, { message: PLAN_PERIOD_MESSAGE })
  period?: string | null;

  @Field(() => PlanStatus, { nullable: true, description: "Only plans in this status." })
  status?: PlanStatus | null;
}
