import type { SubgraphContext } from "../../shared/context";
import type { CorpsLoaders } from "../loaders";

export const serviceMenuItemReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<CorpsLoaders>) {
    return /^\d{1,9}$/.test(ref.id) ? ctx.loaders.menuItem.load(Number(ref.id)) : null;
  },
};
