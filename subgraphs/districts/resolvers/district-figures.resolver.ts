// The dashboard's figures of one district (CityDashboard): signed-in figure readers only, a
// DISTRICT_OPERATOR for its own district; batched per figure family, with cache hints.
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Float, Info, Int, Resolver, Root } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { today } from "../../../runtime/dates";
import { CurrentCaller } from "../../shared/auth";
import { hintAggregate } from "../../shared/cache-hint";
import type { SubgraphContext } from "../../shared/context";
import { assertFigureReader } from "../../shared/figure-scope";
import { DateScalar } from "../../shared/scalars";
import { checkDateRange } from "../../shared/validation/date-range";
import { District } from "../entities/district.entity";
import { DateRangeArgs } from "../inputs/date-range.args";
import type { DistrictsLoaders } from "../loaders";

type Ctx = SubgraphContext<DistrictsLoaders>;

/** Checks the caller and the range, hints the cache, and returns the range for the loaders. */
function figure(
  caller: Caller | null,
  district: District,
  ctx: Ctx,
  info: GraphQLResolveInfo,
  range?: DateRangeArgs,
) {
  assertFigureReader(caller, district.code);
  hintAggregate(info, ctx.config);
  return range ? checkDateRange(range.from, range.to) : undefined;
}

@Resolver(() => District)
export class DistrictFiguresResolver {
  @FieldResolver(() => Int, {
    description:
      "FILED workstations with no demand collected in the 90 days up to asOf (default today), not counting stations filed within those days (docs/domain.md rule 6).",
  })
  idleStationCount(
    @Root() district: District,
    @Arg("asOf", () => DateScalar, { nullable: true }) asOf: string | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    figure(caller, district, ctx, info);
    return ctx.loaders.idleStationCount(asOf ?? today()).load(district.code);
  }

  @FieldResolver(() => Int, { description: "Demands OPEN now." })
  openDemandCount(
    @Root() district: District,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    figure(caller, district, ctx, info);
    return ctx.loaders.openDemandCount.load(district.code);
  }

  @FieldResolver(() => Int, {
    description: "督办: open demands past the deadline of their step now (Shenzhen today).",
  })
  async overdueDemandCount(
    @Root() district: District,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    figure(caller, district, ctx, info);
    return (await ctx.loaders.deadlineFigures(today()).load(district.code)).overdueNow;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "督办: steps of its demands finished by their deadline, over the steps finished plus those overdue now (0 to 1); null before any step had a deadline.",
  })
  async onTimeRate(
    @Root() district: District,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    figure(caller, district, ctx, info);
    return (await ctx.loaders.deadlineFigures(today()).load(district.code)).onTimeRate;
  }

  @FieldResolver(() => Int, { description: "Demands collected from `from` to `to`, inclusive." })
  demandCount(
    @Root() district: District,
    @Args() range: DateRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.loaders.demandCount(figure(caller, district, ctx, info, range)!).load(district.code);
  }

  @FieldResolver(() => Int, { description: "Activities held from `from` to `to`, inclusive." })
  async activityCount(
    @Root() district: District,
    @Args() range: DateRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    const r = figure(caller, district, ctx, info, range)!;
    return (await ctx.loaders.activityFigures(r).load(district.code)).activities;
  }

  @FieldResolver(() => Int, {
    description: "Enterprises served by the activities held from `from` to `to`.",
  })
  async enterprisesServed(
    @Root() district: District,
    @Args() range: DateRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    const r = figure(caller, district, ctx, info, range)!;
    return (await ctx.loaders.activityFigures(r).load(district.code)).enterprisesServed;
  }

  @FieldResolver(() => Float, {
    description:
      "Verified service hours of the activities held from `from` to `to` (only volunteers APPOINTED under an agreement on the day count, docs/domain.md rule 3).",
  })
  serviceHours(
    @Root() district: District,
    @Args() range: DateRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.loaders
      .serviceHours(figure(caller, district, ctx, info, range)!)
      .load(district.code);
  }
}
