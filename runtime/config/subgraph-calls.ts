// How the gateway calls the subgraphs: a socket pool per subgraph, a time limit per call, retries
// for queries (never mutations), and a circuit breaker that fails fast while a subgraph is down.
import { SUBGRAPHS, type SubgraphName } from "./subgraphs";
import { flag, integer, oneOf, type Env, type Problems } from "./read";

export interface SubgraphCallsConfig {
  /** Time limit of one call, per subgraph (<NAME>_TIMEOUT_MS, else SUBGRAPH_TIMEOUT_MS). */
  timeoutMs: Record<SubgraphName, number>;
  /** Further tries of a query that met a network failure (refused, reset, timed out). */
  retries: number;
  /** Open sockets to one subgraph at most; more calls wait for a free one. */
  maxSockets: number;
  /** The breaker opens when this share of the calls in its window failed (percent)... */
  breakerErrorPercent: number;
  /** ...and at least this many calls were made in the window. */
  breakerMinimumCalls: number;
  /** How long it stays open before one trial call may close it again. */
  breakerResetMs: number;
  /**
   * How much longer than a call's time limit the gateway's credential for it lives (clock skew
   * between hosts, a call waiting for a socket): runtime/credential.ts.
   */
  credentialMarginMs: number;
  /**
   * Each entity's representation sent once per fetch, and the entity fetches one request starts
   * together against one subgraph sent as one call (gateway/entity-batch.ts).
   */
  batchEntities: boolean;
  /**
   * Who walks the query plans and shapes the answers: the gateway's own executor
   * (gateway/plan-executor.ts), or @apollo/gateway's executeQueryPlan (GATEWAY_EXECUTOR).
   */
  executor: "own" | "apollo";
}

export function subgraphCallsSection(env: Env, problems: Problems): SubgraphCallsConfig {
  const ms = (key: string, fallback: number) =>
    integer(env, problems, key, fallback, {
      min: 50,
      max: 600_000,
      what: "a number of milliseconds from 50 to 600000",
    });
  const fallbackTimeout = ms("SUBGRAPH_TIMEOUT_MS", 10_000);
  const timeoutMs = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPHS)
    timeoutMs[name] = ms(`${name.toUpperCase()}_TIMEOUT_MS`, fallbackTimeout);
  return {
    timeoutMs,
    retries: integer(env, problems, "SUBGRAPH_RETRIES", 1, { min: 0, max: 5, what: "0 to 5" }),
    maxSockets: integer(env, problems, "SUBGRAPH_MAX_SOCKETS", 64, { min: 1, max: 10_000 }),
    breakerErrorPercent: integer(env, problems, "BREAKER_ERROR_PERCENT", 50, {
      min: 1,
      max: 100,
      what: "a percentage from 1 to 100",
    }),
    breakerMinimumCalls: integer(env, problems, "BREAKER_MINIMUM_CALLS", 5, { min: 1 }),
    breakerResetMs: ms("BREAKER_RESET_MS", 5000),
    credentialMarginMs: integer(env, problems, "GATEWAY_CREDENTIAL_MARGIN_MS", 2000, {
      min: 100,
      max: 60_000,
      what: "a number of milliseconds from 100 to 60000",
    }),
    batchEntities: flag(env, problems, "SUBGRAPH_BATCHING", true),
    executor: oneOf(env, problems, "GATEWAY_EXECUTOR", ["own", "apollo"], "own"),
  };
}
