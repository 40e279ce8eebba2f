// The gateway's Apollo Server plugins, in order. A new cross-cutting feature is one file in this
// folder and one line here, its options taken from its config section.
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Registry } from "prom-client";
import { SUBGRAPHS, type HubConfig } from "../../runtime/config";
import { credentialLifetimeMs } from "../../runtime/credential";
import { graphqlMetricsPlugin } from "../../runtime/http/graphql-metrics";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import { argumentValuesPlugin } from "./argument-values";
import { errorsPlugin } from "./errors";
import { idempotencyPlugin } from "./idempotency";
import { inflightDedupPlugin } from "./inflight-dedup";
import { operationResolutionPlugin } from "./operation-resolution";
import { rateLimitPlugin } from "./rate-limit";
import { requestLogPlugin } from "./request-log";
import { responseCachePlugins } from "./response-cache";
import { trustedDocumentsPlugin } from "./trusted-documents";
import type { TrustedDocuments } from "../../runtime/trusted-documents/manifest";
import type { RateLimiter } from "../rate-limiter";
import type { SharedStore } from "../shared-store";
import type { ClaimStore } from "../idempotency-store";

/**
 * How long after the gateway gave up on a subgraph call the subgraph may still commit it: it
 * accepts the call's credential for its lifetime, then has its database's time limit.
 */
const unsettledMs = (config: HubConfig) =>
  Math.max(
    ...SUBGRAPHS.map(
      (name) => credentialLifetimeMs(config.subgraphCalls, name) + config.databases.timeoutMs[name],
    ),
  );

export interface PluginDeps {
  config: HubConfig;
  log: Logger;
  store: SharedStore;
  /** Idempotency keys (memory, or Redis with REDIS_URL). */
  claims: ClaimStore;
  limiter: RateLimiter;
  registry: Registry;
  /** The manifest of the documents the hub's own clients send by id. */
  documents: TrustedDocuments;
}

export function gatewayPlugins({
  config,
  log,
  store,
  claims,
  registry,
  limiter,
  documents,
}: PluginDeps): Array<ApolloServerPlugin<GatewayContext>> {
  return [
    // Apollo's landing page loads Sandbox from a CDN; the hub serves its own GraphiQL (routes/).
    ApolloServerPluginLandingPageDisabled(),
    requestLogPlugin(log),
    // Before anything reads the request's document: an id becomes its document here, and a
    // refused document's answer comes before any other plugin's.
    trustedDocumentsPlugin({
      mode: config.trustedDocuments.mode,
      documents,
      introspection: config.ide.introspection,
      parseOptions: { maxTokens: config.limits.maxTokens },
      registry,
      log,
    }),
    operationResolutionPlugin(),
    // Before the cost limit (plugins/limits.ts), whose estimate cannot read a null argument.
    argumentValuesPlugin(),
    rateLimitPlugin(limiter),
    ...(config.cache.ttlSeconds > 0
      ? responseCachePlugins(store, log, config.cache.ttlSeconds, unsettledMs(config))
      : []),
    // After the cache: a cached answer never waits for a running query.
    ...(config.cache.dedup ? [inflightDedupPlugin(registry)] : []),
    // After the cache, whose Age header on a cached answer it counts as a hit.
    graphqlMetricsPlugin<GatewayContext>(registry, (ctx) => Boolean(ctx.contextValue?.caller)),
    errorsPlugin(log),
    // After the errors plugin: a key keeps the answer exactly as the client got it.
    idempotencyPlugin(claims, idempotencyOptions(config), log),
  ];
}

/**
 * Answers are kept IDEMPOTENCY_TTL_SECONDS; a running request holds its key for at least two
 * minutes, and three times the longest subgraph time limit (a mutation plan may call several).
 */
function idempotencyOptions(config: HubConfig) {
  const longest = Math.max(...Object.values(config.subgraphCalls.timeoutMs));
  return { ttlMs: config.idempotency.ttlSeconds * 1000, leaseMs: Math.max(120_000, 3 * longest) };
}
