// Cache hints for aggregate reads (the dashboard): the field may be answered from the gateway's
// response cache for config.cache.ttlSeconds, per caller scope (PRIVATE: the gateway keys entries
// by role and district). A response is cacheable only when every object field in it carries a
// hint, so only aggregate-only queries are ever cached.
import type { GraphQLResolveInfo } from "graphql";
import { setCacheHint } from "./cache-policy";
import type { HubConfig } from "../../runtime/config";

export function hintAggregate(info: GraphQLResolveInfo, config: HubConfig) {
  if (config.cache.ttlSeconds <= 0) return;
  setCacheHint(info, { maxAge: config.cache.ttlSeconds, scope: "PRIVATE" });
}
