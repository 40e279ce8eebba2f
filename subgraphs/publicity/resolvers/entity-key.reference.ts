// Volunteer, Station and Platform are owned elsewhere; publicity needs only their key to add the
// stories about them (batched through loaders). Whether the caller may see the entity at all is
// its owner's decision, made when the gateway resolves the entity there.
import type { GraphQLResolveInfo } from "graphql";
import type { SubgraphContext } from "../../shared/context";
import { hintStoryRead } from "../cache-hint";

export const entityKeyReference = {
  __resolveReference(ref: { id: string }, ctx: SubgraphContext<unknown>, info: GraphQLResolveInfo) {
    hintStoryRead(info, ctx);
    return { id: ref.id };
  },
};
