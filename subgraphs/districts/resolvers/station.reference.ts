import type { SubgraphContext } from "../../shared/context";
import type { DistrictsLoaders } from "../loaders";
import { visibleStation } from "../services/stations.service";

export const stationReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    return visibleStation(ctx.caller, await ctx.loaders.station.load(Number(ref.id)));
  },
};
