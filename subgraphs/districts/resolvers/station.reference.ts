// A Station reached by reference shows what the station lists would show the same caller:
// anonymous callers see filed stations only; hidden or unknown, it resolves to null.
import { viewerOf } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import type { DistrictsLoaders } from "../loaders";
import { visibleStation } from "../services/stations.service";

export const stationReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    const key = rowId(String(ref.id));
    if (key === null) return null;
    return visibleStation(viewerOf(ctx), await ctx.loaders.station.load(key));
  },
};
