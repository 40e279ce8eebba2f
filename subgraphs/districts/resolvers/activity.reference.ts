import type { SubgraphContext } from "../../shared/context";
import type { DistrictsLoaders } from "../loaders";

export const activityReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    return ctx.loaders.activity.load(Number(ref.id));
  },
};
