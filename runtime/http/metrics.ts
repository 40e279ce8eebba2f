// Prometheus metrics (prom-client): one registry per server, so that several servers in one
// process (the tests) keep their figures apart, with the process's own defaults (CPU, memory,
// event loop lag) and whatever the server adds. GET /metrics serves it in the text format.
import { createHash, timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Registry } from "prom-client";
import type { MetricsConfig } from "../config";
import { HubError } from "../errors";
import { sendError } from "./error-answer";
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

/** SHA-256 of a text: equal-length digests for timingSafeEqual, whatever the lengths given. */
const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether an Authorization header carries `token` as a bearer token, compared in constant time
 * (the digests of any two texts have the same length, and timingSafeEqual reads all of them).
 */
export function carriesToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer +(\S+) *$/i.exec(header ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * GET /metrics, behind METRICS_TOKEN when it is set (always in production: config/metrics.ts).
 * `collect`: what to serve instead of the registry alone (the sum over a cluster's workers).
 */
export function metricsRoute(
  registry: Registry,
  config: MetricsConfig,
  collect: () => Promise<string> = () => registry.metrics(),
): Route[] {
  if (!config.enabled) return [];
  const { token } = config;
  return [
    {
      method: "GET",
      path: "/metrics",
      untraced: true,
      async handler(request, reply) {
        if (token !== null && !carriesToken(request.headers.authorization, token)) {
          reply.header("www-authenticate", 'Bearer realm="metrics"');
          return sendError(
            request,
            reply,
            new HubError("UNAUTHENTICATED", "/metrics needs the METRICS_TOKEN as a bearer token"),
          );
        }
        return reply.type(registry.contentType).send(await collect());
      },
    },
  ];
}

/**
 * The operation label of a request. Names are the client's choice: an anonymous caller's never
 * become labels (all are "anonymous"), and a signed-in caller's do while fewer than `max` names
 * have (then "other"); "unnamed" is a signed-in caller's operation without a name.
 */
export function labelFor(
  seen: Set<string>,
  name: string | null | undefined,
  signedIn: boolean,
  max = 200,
): string {
  if (!signedIn) return "anonymous";
  if (!name) return "unnamed";
  if (seen.has(name)) return name;
  if (seen.size >= max || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "other";
  seen.add(name);
  return name;
}
