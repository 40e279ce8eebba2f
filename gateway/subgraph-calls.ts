// One subgraph's calls, around the pooled fetcher (subgraph-fetcher.ts): a time limit per call,
// further tries for a query that met a network failure (never for a mutation: it may have been
// written), and a circuit breaker (opossum) that, once most recent calls failed, answers at once
// "unavailable" without waiting for a subgraph that is down, then lets one call through after a
// pause and closes again when it succeeds. Each call's time and failures go to /metrics.
// A mutation that fails says whether it can have been written: not when it never left the gateway
// (refused connection, breaker open), maybe when it went out and no answer came (a time limit, a
// connection cut): the subgraph may have committed it, or still be about to.
import CircuitBreaker from "opossum";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { SubgraphCallsConfig, SubgraphName } from "../runtime/config";
import type { RepeatFilter } from "../runtime/log";
import { isRetryable } from "./call-kind";
import { TIME_LIMIT_MS, wasNotSent, type Fetcher, type TimedInit } from "./subgraph-fetcher";

type Init = NonNullable<Parameters<Fetcher>[1]>;
type FetchResponse = Awaited<ReturnType<Fetcher>>;

/** A subgraph answering 502-504 is down behind its proxy: a failure for the breaker. */
class UnavailableStatus extends Error {
  constructor(readonly response: FetchResponse) {
    super(`HTTP ${response.status}`);
  }
}

/** A mutation that never reached the subgraph: nothing was written. */
export class WriteNotSent extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/** A mutation sent without an answer back: it may or may not have been written. */
export class WriteOutcomeUnknown extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
  }
}

export interface SubgraphCallMetrics {
  duration: Histogram<"subgraph">;
  failures: Counter<"subgraph" | "kind">;
  open: Gauge<"subgraph">;
  /** Entities asked for in one fetch (_entities' representations): the work a plan sends. */
  representations: Histogram<"subgraph">;
}

export function subgraphCallMetrics(registry: Registry): SubgraphCallMetrics {
  return {
    duration: new Histogram({
      name: "hub_subgraph_request_duration_seconds",
      help: "Time of the gateway's calls to each subgraph, tries included",
      labelNames: ["subgraph"],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    failures: new Counter({
      name: "hub_subgraph_errors_total",
      help: "Failed calls to a subgraph by kind: timeout, network, status, open (breaker)",
      labelNames: ["subgraph", "kind"],
      registers: [registry],
    }),
    open: new Gauge({
      name: "hub_subgraph_breaker_open",
      help: "1 while a subgraph's circuit breaker is open (calls fail at once)",
      labelNames: ["subgraph"],
      registers: [registry],
      // Summed over GATEWAY_WORKERS it would read 2, 3...: open in any worker reads 1.
      aggregator: "max",
    }),
    representations: new Histogram({
      name: "hub_subgraph_representations",
      help: "Representations sent in one entity fetch to each subgraph (the _entities calls only)",
      labelNames: ["subgraph"],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers: [registry],
    }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function kindOf(error: unknown): string {
  if (error instanceof UnavailableStatus) return "status";
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return "timeout";
  return "network";
}

/**
 * One try of a subgraph call under its time limit, as AbortSignal.timeout would set it (same
 * reason, same errors): the pooled fetcher (subgraph-fetcher.ts) destroys the request on a timer
 * of its own once the limit passes, and clears it once the answer is read. A 502-504 answer is a
 * failure (retried for a query).
 */
async function once(
  base: Fetcher,
  url: string,
  init: Init,
  timeoutMs: number,
): Promise<FetchResponse> {
  const timed: TimedInit = { ...init, [TIME_LIMIT_MS]: timeoutMs };
  const response = await base(url, timed);
  if (response.status >= 502 && response.status <= 504) throw new UnavailableStatus(response);
  return response;
}

export function resilientFetcher(
  name: SubgraphName,
  base: Fetcher,
  config: SubgraphCallsConfig,
  metrics: SubgraphCallMetrics,
  repeats: RepeatFilter,
): { fetcher: Fetcher; shutdown(): void } {
  const timeoutMs = config.timeoutMs[name];

  async function call(url: string, init: Init): Promise<FetchResponse> {
    const tries = isRetryable(init) ? 1 + config.retries : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(base, url, init, timeoutMs);
      } catch (error) {
        metrics.failures.inc({ subgraph: name, kind: kindOf(error) });
        if (attempt >= tries) throw error;
        await sleep(50 * attempt);
      }
    }
  }

  const breaker = new CircuitBreaker(call, {
    timeout: false, // each try has its own limit
    errorThresholdPercentage: config.breakerErrorPercent,
    volumeThreshold: config.breakerMinimumCalls,
    resetTimeout: config.breakerResetMs,
    rollingCountTimeout: 10_000,
    rollingCountBuckets: 10,
  });
  breaker.on("open", () => {
    metrics.open.set({ subgraph: name }, 1);
    repeats.warn(`breaker open: ${name}`, { service: name }, "subgraph breaker open");
  });
  breaker.on("close", () => {
    metrics.open.set({ subgraph: name }, 0);
    repeats.info(`breaker closed: ${name}`, { service: name }, "subgraph breaker closed");
  });
  metrics.open.set({ subgraph: name }, 0);

  const fetcher: Fetcher = async (url, init = {}) => {
    const end = metrics.duration.startTimer({ subgraph: name });
    const write = !isRetryable(init);
    try {
      return await breaker.fire(url, init);
    } catch (error) {
      if (error instanceof UnavailableStatus) return error.response;
      if ((error as { code?: string }).code === "EOPENBREAKER") {
        metrics.failures.inc({ subgraph: name, kind: "open" });
        const refusal = new Error(
          `the ${name} service failed repeatedly; not asked for ${config.breakerResetMs} ms`,
        );
        throw write ? new WriteNotSent(refusal) : refusal;
      }
      if (!write) throw error;
      throw wasNotSent(error) ? new WriteNotSent(error) : new WriteOutcomeUnknown(error);
    } finally {
      end();
    }
  };
  return { fetcher, shutdown: () => breaker.shutdown() };
}
