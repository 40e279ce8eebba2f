// Public-service plans: proposed by the platform's operator (or CITY_ADMIN), filed or rejected by
// CITY_ADMIN, listed for signed-in callers. Rules in services/service-plans.service.ts.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { PlanEvent } from "../entities/plan-event.entity";
import { Platform } from "../entities/platform.entity";
import { ServicePlan } from "../entities/service-plan.entity";
import { ServicePlanInput } from "../inputs/service-plan.input";
import { ServicePlansArgs } from "../inputs/service-plans.args";
import type { PlatformsLoaders } from "../loaders";
import { decidePlan, findPlans, proposePlan } from "../services/service-plans.service";
import { ServicePlanConnection } from "../types/service-plan-connection";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver(() => ServicePlan)
export class ServicePlanResolver {
  @Authorized()
  @Query(() => ServicePlanConnection, {
    description:
      "Public-service plans, per platform, category, period and status, oldest first; signed-in callers.",
  })
  servicePlans(@Args() args: ServicePlansArgs, @Ctx() ctx: Ctx) {
    return findPlans(ctx.db, args);
  }

  @Authorized("CITY_ADMIN", "PLATFORM_OPERATOR")
  @Mutation(() => ServicePlan, {
    description:
      "Proposes a public-service plan (PROPOSED) for an APPLIED or CERTIFIED platform; a PLATFORM_OPERATOR for its own platform only.",
  })
  proposeServicePlan(
    @Arg("platformId", () => ID) platformId: string,
    @Arg("input", () => ServicePlanInput) input: ServicePlanInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    return proposePlan(ctx.db, caller, ctx.audit, platformId, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => ServicePlan, { description: "Files (备案) a PROPOSED plan (→ FILED)." })
  fileServicePlan(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String, { nullable: true, description: "Kept in the plan's history." })
    comment: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return decidePlan(ctx.db, ctx.audit, id, "file", comment);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => ServicePlan, { description: "Rejects a PROPOSED plan (→ REJECTED)." })
  rejectServicePlan(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Why; kept in the plan's history." }) reason: string,
    @Ctx() ctx: Ctx,
  ) {
    return decidePlan(ctx.db, ctx.audit, id, "reject", reason);
  }

  @FieldResolver(() => Platform, { description: "The platform the plan is for." })
  async platform(@Root() plan: ServicePlan, @Ctx() ctx: Ctx) {
    return ctx.loaders.platform.load(plan.platformId);
  }

  @FieldResolver(() => [PlanEvent], { description: "The plan's audit trail, oldest first." })
  history(@Root() plan: ServicePlan, @Ctx() ctx: Ctx) {
    return ctx.loaders.planHistory.load(plan.id);
  }
}
