// The gateway's response cache: a query made only of hinted fields is answered from the cache for
// their max age. Aggregate fields (the dashboard) carry PRIVATE hints: cached per caller scope (role
// and what it is bound to). Story reads carry PUBLIC hints for anonymous callers (published stories, the same
// for everyone): cached once for all anonymous callers; a signed-in caller's story read is PRIVATE.
// So do, for anonymous callers, the public fields of other subgraphs' entities that story pages
// show (stations, districts, volunteers, platforms, activities: subgraphs/shared/cache-entities.ts).
// Every mutation through the gateway invalidates the entries it may affect at once: the versions of
// its district and of the city, or every version when it names no district (every story mutation:
// they take a story id, and a publication changes public lists and District.publishedStoryCount).
// Anonymous answers depend on neither district nor city but on the entities they contain (type and
// id, as the subgraphs that answered them report them): a district's publish reports what it
// changed, derived fields included, and invalidates only the anonymous answers that contain one of
// those entities; a district mutation that does not report invalidates every anonymous answer
// that contains any entity.
// Entries and versions live in the shared store, so that every gateway replica sees the same.
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { createHash } from "node:crypto";
import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { Kind, OperationTypeNode, type OperationDefinitionNode, type ValueNode } from "graphql";
import { callerScope } from "../../runtime/auth";
import type { Logger } from "../../runtime/log";
import { mutationMayHaveWritten, outcomeUnknown, reportedWrites } from "../cache-entities";
import { EntityVersions } from "../entity-versions";
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
 * rows. An anonymous answer is cached only when PUBLIC: published stories' fields (publicity's
 * own rows, which no district-scoped write touches) and the public fields of the entities they
 * show. It depends on "public", which an unscoped mutation (every story mutation) bumps through
 * "all", and on the versions of the entities it contains (entityKeyData).
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

/** Where the entities of this query's last answer for this scope are listed. */
const listKeyOf = (ctx: Ctx) =>
  "entities:" +
  sha256(
    JSON.stringify([ctx.source, ctx.request.operationName, ctx.request.variables, scopeOf(ctx)]),
  );

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

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
  ttlSeconds: number,
  /** How long a subgraph may still commit a write the gateway gave up on (index.ts). */
  unsettledMs: number,
): Array<ApolloServerPlugin<GatewayContext>> {
  const entities = new EntityVersions(store, ttlSeconds);
  const cache = responseCachePlugin<GatewayContext>({
    cache: store.cache,
    sessionId: async (ctx) => scopeOf(ctx),
    extraCacheKeyData: async (ctx) => {
      const [versions, entityPart] = await Promise.all([
        store.versions(versionKeysOf(ctx)),
        // Signed-in callers' answers carry no entity hints (subgraphs report them for anonymous).
        ctx.contextValue.caller ? entities.none(ctx) : entities.keyData(ctx, listKeyOf(ctx)),
      ]);
      return { versions, entities: entityPart };
    },
    shouldWriteToCache: async (ctx) => entities.mayWrite(ctx, listKeyOf(ctx)),
    generateCacheKey: (ctx, key) => sha256(JSON.stringify(entities.finalKey(ctx as Ctx, key))),
    // An anonymous answer is written only when its policy is PUBLIC (the plugin refuses PRIVATE
    // ones without a session), and read only from the entries of anonymous callers.
  });
  const invalidation: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse(ctx) {
          if (ctx.operation?.operation !== OperationTypeNode.MUTATION) return;
          const body = ctx.response.body;
          const result = body.kind === "single" ? body.singleResult : undefined;
          const keys = invalidatedBy(ctx.operation, ctx.request.variables ?? {});
          // A refused mutation (no token, over a rate limit, invalid, refused by its subgraph)
          // changed nothing: keep the cache, or anyone could keep it cold by sending refused
          // mutations. Judged from its subgraph calls (cache-entities.ts), not from its answer.
          if (!mutationMayHaveWritten(ctx.contextValue, result)) return;
          // A call that went out and got no answer may still commit (cache-entities.ts).
          if (outcomeUnknown(result?.errors)) {
            await entities.invalidateUnsettled(keys, unsettledMs);
            log.debug({ keys, unsettledMs }, "response cache invalidated, outcome unknown");
            return;
          }
          // A district's mutation: the anonymous answers with an entity it changed, when every
          // subgraph it asked answered saying which (also when a later root field failed and
          // nulled the data: the earlier ones wrote); else every anonymous answer with entities.
          const written = keys.includes("all") ? null : reportedWrites(ctx.contextValue);
          await entities.invalidate(keys, written);
          log.debug({ keys, entities: written?.length ?? null }, "response cache invalidated");
        },
      };
    },
  };
  return [invalidation, cache];
}
