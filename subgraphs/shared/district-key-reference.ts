// How a subgraph that holds no district rows resolves a District reference: the key is all it
// needs (its fields batch through loaders). The reference carries the aggregate cache hint, so
// that a dashboard read joining these fields stays cacheable.
import type { GraphQLResolveInfo } from "graphql";
import type { HubConfig } from "../../runtime/config";
import { hintAggregate } from "./cache-hint";

export const districtKeyReference = {
  __resolveReference(ref: { code: string }, ctx: { config: HubConfig }, info: GraphQLResolveInfo) {
    hintAggregate(info, ctx.config);
    return { code: ref.code };
  },
};
