import type { SubgraphContext } from "../../shared/context";
import type { DistrictsLoaders } from "../loaders";

export const stationReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    return ctx.loaders.station.load(Number(ref.id));
  },
};
