// corpsStats on the city dashboard: signed-in figure readers, a DISTRICT_OPERATOR for its own
// district's regional branches; cache-hinted like every aggregate.
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import { hintAggregate } from "../../shared/cache-hint";
import type { SubgraphContext } from "../../shared/context";
import { figureScope } from "../../shared/figure-scope";
import type { CorpsLoaders } from "../loaders";
import { corpsCube, rollUpCorps } from "../services/corps-stats.service";
import {
  BranchKindCount,
  BY_BRANCH_KIND,
  CorpsStats,
  ExpertTypeCount,
  VolunteerStatusCount,
} from "../types/corps-stats.types";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => CorpsStats)
export class CorpsStatsResolver {
  @Query(() => CorpsStats, {
    // Nullable so that a dashboard read that also asks districts keeps its other figures when
    // corps cannot answer (and the other way round).
    nullable: true,
    description:
      "The corps in figures now, city-wide or for one district's regional branches. Null, with an error, when the corps service cannot be asked.",
  })
  async corpsStats(
    @Arg("districtCode", () => ID, {
      nullable: true,
      description: "Restrict to one district. A DISTRICT_OPERATOR always gets its own district.",
    })
    districtCode: string | null,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    const district = figureScope(caller, districtCode);
    hintAggregate(info, ctx.config);
    return rollUpCorps(await corpsCube(ctx.db, district));
  }

  @FieldResolver(() => [ExpertTypeCount], { description: "Every expert type, zero ones included." })
  byExpertType(@Root() stats: CorpsStats, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return stats.byExpertType;
  }

  @FieldResolver(() => [VolunteerStatusCount], { description: "Every status, zero ones included." })
  byStatus(@Root() stats: CorpsStats, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return stats.byStatus;
  }

  @FieldResolver(() => [BranchKindCount], { description: BY_BRANCH_KIND })
  byBranchKind(@Root() stats: CorpsStats, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return stats.byBranchKind;
  }
}
