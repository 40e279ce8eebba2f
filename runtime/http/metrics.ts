// Prometheus metrics (prom-client): one registry per server, so that several servers in one
// process (the tests) keep their figures apart, with the process's own defaults (CPU, memory,
// event loop lag) and whatever the server adds. GET /metrics serves it in the text format.
import { collectDefaultMetrics, Registry } from "prom-client";
import type { MetricsConfig } from "../config";
import { errorBody, httpStatusOf } from "../errors";
import type { Route } from "./server";

/**
 * prom-client's gauges of active handles, requests and resources in all: named like counters,
 * which Prometheus's naming rules (promtool check metrics) refuse for a gauge. Each is the sum of
 * the gauge of the same name without "_total", which is labelled by type and kept:
 * sum(hub_nodejs_active_handles) is the figure.
 */
const MISNAMED_DEFAULTS = ["handles", "requests", "resources"].map(
  (what) => `hub_nodejs_active_${what}_total`,
);

export function createRegistry(server: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ server });
  collectDefaultMetrics({ register: registry, prefix: "hub_" });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  return registry;
}

/** `collect`: what to serve instead of the registry alone (the sum over a cluster's workers). */
export function metricsRoute(
  registry: Registry,
  config: MetricsConfig,
  collect: () => Promise<string> = () => registry.metrics(),
): Route[] {
  if (!config.enabled) return [];
  return [
    {
      method: "GET",
      path: "/metrics",
      async handler(request, reply) {
        if (config.token && request.headers.authorization !== `Bearer ${config.token}`) {
          return reply
            .code(httpStatusOf("UNAUTHENTICATED"))
            .send(
              errorBody("UNAUTHENTICATED", "/metrics needs the METRICS_TOKEN as a bearer token"),
            );
        }
        return reply.type(registry.contentType).send(await collect());
      },
    },
  ];
}

/** Operation names are the client's choice: a bounded set of them becomes labels, the rest "other". */
export function labelFor(seen: Set<string>, name: string | null | undefined, max = 200): string {
  if (!name) return "anonymous";
  if (seen.has(name)) return name;
  if (seen.size >= max || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "other";
  seen.add(name);
  return name;
}
