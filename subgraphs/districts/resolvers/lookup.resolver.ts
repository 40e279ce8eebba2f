// Stations and activities by many ids, in the order asked (null where unknown or hidden): what
// other subgraphs (publicity's story references, platforms' source station) check through the
// gateway, one call per batch, with the same visibility as every other path to these rows.
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { checkLookupSize, MAX_LOOKUP_IDS, rowId } from "../../shared/ids";
import { Activity } from "../entities/activity.entity";
import { Station } from "../entities/station.entity";
import type { DistrictsLoaders } from "../loaders";
import { visibleStation } from "../services/stations.service";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver()
export class LookupResolver {
  @Authorized()
  @Query(() => [Station], {
    nullable: "items",
    description: `Several stations by id, in the order asked (null where unknown); at most ${MAX_LOOKUP_IDS} ids; signed-in callers.`,
  })
  async stationsByIds(
    @Arg("ids", () => [ID]) ids: string[],
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    checkLookupSize(ids, "stations");
    return Promise.all(
      ids.map(async (id) => {
        const key = rowId(id);
        return key === null ? null : visibleStation(caller, await ctx.loaders.station.load(key));
      }),
    );
  }

  @Authorized()
  @Query(() => [Activity], {
    nullable: "items",
    description: `Several activities by id, in the order asked (null where unknown); at most ${MAX_LOOKUP_IDS} ids; signed-in callers.`,
  })
  activitiesByIds(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Ctx) {
    checkLookupSize(ids, "activities");
    return Promise.all(
      ids.map((id) => {
        const key = rowId(id);
        return key === null ? Promise.resolve(null) : ctx.loaders.activity.load(key);
      }),
    );
  }
}
