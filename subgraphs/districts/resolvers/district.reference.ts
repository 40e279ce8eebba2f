import type { SubgraphContext } from "../../shared/context";
import type { DistrictsLoaders } from "../loaders";

export const districtReference = {
  __resolveReference(ref: { code: string }, ctx: SubgraphContext<DistrictsLoaders>) {
    return ctx.loaders.district.load(ref.code);
  },
};
