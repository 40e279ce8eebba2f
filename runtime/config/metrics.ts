// The Prometheus endpoint every process serves at /metrics. In development it is open, like
// /health; in production it is served only to a scraper with a token of its own (METRICS_TOKEN):
// the figures name operations, error codes and cache behaviour, which the public need not see.
import { flag, value, type Env, type Problems } from "./read";

export interface MetricsConfig {
  /** /metrics is served: by default in development, and in production when METRICS_TOKEN is set. */
  enabled: boolean;
  /** When set, /metrics needs "Authorization: Bearer <token>"; required in production. */
  token: string | null;
}

export function metricsSection(env: Env, problems: Problems, production: boolean): MetricsConfig {
  const token = value(env, "METRICS_TOKEN") ?? null;
  if (token !== null && !/^[\x21-\x7e]{16,}$/.test(token))
    problems.add(
      "METRICS_TOKEN must have at least 16 characters, without spaces (e.g. openssl rand -hex 24)",
    );
  // Production without a token: off, as GraphiQL is, unless asked for (and then refused below).
  const enabled = flag(env, problems, "METRICS", !production || token !== null);
  if (production && enabled && token === null)
    problems.add(
      "METRICS=1 with NODE_ENV=production needs METRICS_TOKEN: in production /metrics is served " +
        "only to a scraper that sends it as a bearer token. Set METRICS_TOKEN (at least 16 " +
        "characters, e.g. openssl rand -hex 24) and give it to the scraper, or set METRICS=0",
    );
  return { enabled, token };
}
