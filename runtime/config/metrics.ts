// The Prometheus endpoint every process serves at /metrics.
import { flag, value, type Env, type Problems } from "./read";

export interface MetricsConfig {
  enabled: boolean;
  /** When set, /metrics needs "Authorization: Bearer <token>" (for a scraper on a shared network). */
  token: string | null;
}

export function metricsSection(env: Env, problems: Problems): MetricsConfig {
  const token = value(env, "METRICS_TOKEN") ?? null;
  if (token !== null && token.length < 16)
    problems.add("METRICS_TOKEN must have at least 16 characters");
  return { enabled: flag(env, problems, "METRICS", true), token };
}
