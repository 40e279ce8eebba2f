import type { SubgraphContext } from "../../shared/context";
import type { DistrictsLoaders } from "../loaders";
import { StationStatus } from "../vocabulary";

export const stationReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    const station = await ctx.loaders.station.load(Number(ref.id));
    // Anonymous callers see filed stations only, however a station is reached (e.g. from a story).
    return station && (ctx.caller || station.status === StationStatus.FILED) ? station : null;
  },
};
