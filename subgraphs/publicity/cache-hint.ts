// Cache hints of story reads. What an anonymous caller reads (published stories) is the same for
// every anonymous caller: PUBLIC, so the gateway may answer the next anonymous read from its cache.
// A signed-in caller's read may show drafts (editors) and is PRIVATE to its scope. Every mutation
// through the gateway invalidates both at once (gateway/plugins/response-cache.ts). A response is
// cacheable only when every object field in it carries a hint, i.e. story-only reads.
import type { GraphQLResolveInfo } from "graphql";
import { setCacheHint } from "../shared/cache-policy";
import type { SubgraphContext } from "../shared/context";

export function hintStoryRead(info: GraphQLResolveInfo, ctx: SubgraphContext<unknown>) {
  const ttl = ctx.config.cache.ttlSeconds;
  if (ttl <= 0) return;
  setCacheHint(info, {
    maxAge: ttl,
    scope: ctx.caller ? "PRIVATE" : "PUBLIC",
  });
}
