import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { hintAggregate } from "../../shared/cache-hint";
import type { SubgraphContext } from "../../shared/context";
import { decodeCursor, PageArgs, pageSize, toPage } from "../../shared/pagination";
import { District } from "../entities/district.entity";
import { StationConnection } from "../types/station-connection";
import type { DistrictsLoaders } from "../loaders";
import { visibleStatus } from "../services/stations.service";
import { StationStatus } from "../vocabulary";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, { nullable: true, description: "One district by its code." })
  district(@Arg("code", () => ID) code: string, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return ctx.loaders.district.load(code);
  }

  @Query(() => [District], {
    description:
      "All districts of the city, by code; a DISTRICT_OPERATOR gets its own district only (its dashboard row).",
  })
  districts(
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ) {
    hintAggregate(info, ctx.config);
    const own = caller?.role === "DISTRICT_OPERATOR" ? { code: caller.district } : {};
    return ctx.db.getRepository(District).find({ where: own, order: { code: "ASC" } });
  }

  @FieldResolver(() => StationConnection, {
    description:
      "The district's workstations, oldest first. Anonymous callers see FILED ones only.",
  })
  async stations(
    @Root() district: District,
    @Arg("status", () => StationStatus, { nullable: true }) status: StationStatus | null,
    @Args() page: PageArgs,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const effective = visibleStatus(caller, status);
    const first = pageSize(page.first);
    const afterId = decodeCursor(page.after);
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.stationPage({ status: effective, first, afterId }).load(district.code),
      ctx.loaders.stationCount(effective).load(district.code),
    ]);
    return toPage(rows, first, totalCount);
  }

  @FieldResolver(() => Int, {
    description: "How many workstations the district has (in that status).",
  })
  stationCount(
    @Root() district: District,
    @Arg("status", () => StationStatus, { nullable: true }) status: StationStatus | null,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return ctx.loaders.stationCount(visibleStatus(caller, status)).load(district.code);
  }
}
