import type { SubgraphContext } from "../../shared/context";
import type { CorpsLoaders } from "../loaders";

export const volunteerReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<CorpsLoaders>) {
    return ctx.loaders.volunteer.load(Number(ref.id));
  },
};
