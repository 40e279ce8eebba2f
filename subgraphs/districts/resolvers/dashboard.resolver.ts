// The dashboard's city-wide aggregates that districts owns: demand statistics, the monthly service
// trend and service by category. A DISTRICT_OPERATOR gets its own district's; cache-hinted.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import { hintAggregate } from "../../shared/cache-hint";
import type { SubgraphContext } from "../../shared/context";
import { figureScope } from "../../shared/figure-scope";
import { checkDateRange } from "../../shared/validation/date-range";
import { ScopedRangeArgs } from "../inputs/date-range.args";
import type { DistrictsLoaders } from "../loaders";
import { demandCube, rollUpDemands } from "../services/demand-stats.service";
import { serviceByCategory, serviceTrend } from "../services/service-trend.service";
import {
  CategoryService,
  CategoryStat,
  DemandStats,
  FocusGroupStat,
  MonthStat,
  SpecialisedStat,
} from "../types/dashboard.types";

type Ctx = SubgraphContext<DistrictsLoaders>;

function scoped(caller: Caller | null, args: ScopedRangeArgs, ctx: Ctx, info: GraphQLResolveInfo) {
  const district = figureScope(caller, args.districtCode);
  const { from, to } = checkDateRange(args.from, args.to);
  hintAggregate(info, ctx.config);
  return { district, from, to };
}

@Resolver(() => DemandStats)
export class DashboardResolver {
  @Query(() => DemandStats, {
    description:
      "Demands collected from `from` to `to` (Shenzhen dates, inclusive), city-wide or for one district.",
  })
  async demandStats(
    @Args() args: ScopedRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { district, from, to } = scoped(caller, args, ctx, info);
    return rollUpDemands(await demandCube(ctx.db, from, to, district));
  }

  @Query(() => [MonthStat], {
    description:
      "Volunteer service per month from `from` to `to`; every month listed, zero ones too.",
  })
  serviceTrend(
    @Args() args: ScopedRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { district, from, to } = scoped(caller, args, ctx, info);
    return serviceTrend(ctx.db, from, to, district);
  }

  @Query(() => [CategoryService], {
    description: "Volunteer service per service category from `from` to `to`.",
  })
  serviceByCategory(
    @Args() args: ScopedRangeArgs,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { district, from, to } = scoped(caller, args, ctx, info);
    return serviceByCategory(ctx.db, from, to, district);
  }

  // The lists of a DemandStats carry the same cache hint, or the response would not be cacheable.
  @FieldResolver(() => [CategoryStat], {
    description: "Every service category, zero ones included.",
  })
  byCategory(@Root() stats: DemandStats, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return stats.byCategory;
  }

  @FieldResolver(() => [FocusGroupStat], {
    description: "Every focus group, zero ones included; demands without one are not listed.",
  })
  byFocusGroup(@Root() stats: DemandStats, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return stats.byFocusGroup;
  }

  @FieldResolver(() => [SpecialisedStat], {
    description: "Specialised (专精特新) enterprises and others.",
  })
  bySpecialised(@Root() stats: DemandStats, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return stats.bySpecialised;
  }
}
