// The gateway's response cache: a query made only of hinted fields is answered from the cache for
// their max age. Aggregate fields (the dashboard) carry PRIVATE hints: cached per caller scope (role
// and what it is bound to). Story reads carry PUBLIC hints for anonymous callers (published stories, the same
// for everyone): cached once for all anonymous callers; a signed-in caller's story read is PRIVATE.
// Every mutation through the gateway invalidates the entries it may affect at once: the versions of
// its district and of the city, or every version when it names no district (every story mutation:
// they take a story id, and a publication changes public lists and District.publishedStoryCount).
// Anonymous (public story) answers depend on neither district nor city, so a district's publish
// leaves them cached.
// Entries and versions live in the shared store, so that every gateway replica sees the same.
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { Kind, OperationTypeNode, type OperationDefinitionNode, type ValueNode } from "graphql";
import { callerScope } from "../../runtime/auth";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import type { SharedStore } from "../shared-store";

type Ctx = GraphQLRequestContext<GatewayContext>;

/**
 * What a caller's cached answers are shared with: callers of the same role and binding (district,
 * platform, an enterprise's credit code, a volunteer's id: two enterprises never share).
 */
export const scopeOf = (ctx: Ctx) => {
  const caller = ctx.contextValue.caller;
  return caller ? callerScope(caller) : null;
};

/**
 * The version keys an answer depends on: everything, and the city's or the caller's district's
 * rows. An anonymous answer is cached only when PUBLIC, and only published stories' fields carry
 * PUBLIC hints (publicity's own rows, which no district-scoped write touches): it depends on
 * "public", which only an unscoped mutation (every story mutation) bumps, through "all". A publish
 * in a district therefore leaves the anonymous story pages cached. Should fields of another
 * subgraph ever carry PUBLIC hints, their writes must bump "public" too (invalidatedBy).
 */
export const versionKeysOf = (ctx: Ctx) => {
  const caller = ctx.contextValue.caller;
  if (!caller) return ["all", "public"];
  return ["all", caller.district ? `district:${caller.district}` : "city"];
};

const argumentValue = (node: ValueNode, variables: Record<string, unknown>): unknown =>
  node.kind === Kind.VARIABLE
    ? variables[node.name.value]
    : node.kind === Kind.STRING || node.kind === Kind.INT
      ? node.value
      : undefined;

/**
 * The version keys a mutation invalidates: for root fields naming a `districtCode`, that
 * district's and the city's; anything else (a review by station id, a corps change) everything.
 */
export function invalidatedBy(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): string[] {
  const keys = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return ["all"];
    const arg = selection.arguments?.find((a) => a.name.value === "districtCode");
    const district = arg ? argumentValue(arg.value, variables) : undefined;
    if (typeof district !== "string") return ["all"];
    keys.add(`district:${district}`).add("city");
  }
  return [...keys];
}

export function responseCachePlugins(
  store: SharedStore,
  log: Logger,
): Array<ApolloServerPlugin<GatewayContext>> {
  const cache = responseCachePlugin<GatewayContext>({
    cache: store.cache,
    sessionId: async (ctx) => scopeOf(ctx),
    extraCacheKeyData: async (ctx) => store.versions(versionKeysOf(ctx)),
    // An anonymous answer is written only when its policy is PUBLIC (the plugin refuses PRIVATE
    // ones without a session), and read only from the entries of anonymous callers.
  });
  const invalidation: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse(ctx) {
          if (ctx.operation?.operation !== OperationTypeNode.MUTATION) return;
          // A refused mutation (no token, over a rate limit, invalid) changed nothing: keep the
          // cache, or anyone could keep it cold by sending refused mutations.
          const data =
            ctx.response.body.kind === "single" ? ctx.response.body.singleResult.data : undefined;
          if (!data || Object.values(data).every((value) => value === null)) return;
          const keys = invalidatedBy(ctx.operation, ctx.request.variables ?? {});
          await store.bump(keys);
          log.debug({ keys }, "response cache invalidated");
        },
      };
    },
  };
  return [invalidation, cache];
}
