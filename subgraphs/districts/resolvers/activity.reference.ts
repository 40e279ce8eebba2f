// An Activity reached by reference (a story's activities, _entities): activities are public, as
// every list of them is; an id that names no row resolves to null.
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import type { DistrictsLoaders } from "../loaders";

export const activityReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    const key = rowId(String(ref.id));
    return key === null ? null : ctx.loaders.activity.load(key);
  },
};
