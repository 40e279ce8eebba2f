import type { SubgraphContext } from "../../shared/context";
import type { PlatformsLoaders } from "../loaders";

export const platformReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<PlatformsLoaders>) {
    return ctx.loaders.platform.load(Number(ref.id));
  },
};
