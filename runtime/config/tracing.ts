// OpenTelemetry traces (runtime/tracing/), configured by the SDK's standard variables. Tracing is
// on only when an OTLP endpoint is set; then every process exports its spans over OTLP/HTTP (JSON
// bodies) to it. Unset, nothing is recorded or sent.
import { flag, integer, oneOf, value, type Env, type Problems } from "./read";

export const SAMPLERS = [
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
  "always_on",
  "always_off",
  "traceidratio",
] as const;
export type SamplerName = (typeof SAMPLERS)[number];

export interface TracingConfig {
  /** The OTLP/HTTP traces URL (…/v1/traces); null: tracing is off. */
  tracesUrl: string | null;
  /** Headers sent with every export (a vendor's API key, say). */
  headers: Record<string, string>;
  /** Time limit of one export. */
  timeoutMs: number;
  /** OTEL_SERVICE_NAME; null: each process names itself (hub-gateway, hub-districts, ...). */
  serviceName: string | null;
  sampler: SamplerName;
  /** The ratio of the traceidratio samplers (OTEL_TRACES_SAMPLER_ARG), 0 to 1. */
  samplerRatio: number;
  /** The batch span processor: delay between exports, queue size and spans per export. */
  batch: { delayMs: number; maxQueueSize: number; maxExportBatchSize: number };
}

/** OTEL_EXPORTER_OTLP_HEADERS: "key=value,key2=value2", values URL-encoded. */
function headersOf(raw: string | undefined, key: string, problems: Problems) {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",").filter((p) => p.trim())) {
    const at = pair.indexOf("=");
    if (at <= 0) {
      problems.add(`${key} must be key=value pairs separated by commas ("${pair}" is not)`);
      continue;
    }
    headers[pair.slice(0, at).trim().toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/** The traces URL: the signal's own endpoint as given, else the base endpoint + /v1/traces. */
function tracesUrlOf(env: Env, problems: Problems): string | null {
  const own = value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  const base = value(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  const url = own ?? (base ? `${base.replace(/\/+$/, "")}/v1/traces` : null);
  if (url === null) return null;
  const key = own ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT";
  if (!/^https?:\/\/[^/\s]+/.test(url)) {
    problems.add(`${key}=${own ?? base} must be an http(s) URL, e.g. http://127.0.0.1:4318`);
    return null;
  }
  return url;
}

export function tracingSection(env: Env, problems: Problems): TracingConfig {
  let tracesUrl = tracesUrlOf(env, problems);
  const exporter = oneOf(env, problems, "OTEL_TRACES_EXPORTER", ["otlp", "none"] as const, "otlp");
  if (flag(env, problems, "OTEL_SDK_DISABLED", false) || exporter === "none") tracesUrl = null;
  for (const key of ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]) {
    const protocol = value(env, key);
    if (protocol !== undefined && protocol !== "http/json")
      problems.add(
        `${key}=${protocol}: the hub exports traces over OTLP/HTTP with JSON bodies; set http/json or leave it unset`,
      );
  }
  const ratio = value(env, "OTEL_TRACES_SAMPLER_ARG");
  const samplerRatio = ratio === undefined ? 1 : Number(ratio);
  if (!(samplerRatio >= 0 && samplerRatio <= 1))
    problems.add(`OTEL_TRACES_SAMPLER_ARG=${ratio} must be a ratio from 0 to 1`);
  const ms = (key: string, fallback: number) =>
    integer(env, problems, key, fallback, {
      min: 1,
      max: 600_000,
      what: "milliseconds (1-600000)",
    });
  const count = (key: string, fallback: number) =>
    integer(env, problems, key, fallback, { min: 1, max: 1_000_000, what: "a count of spans" });
  return {
    tracesUrl,
    headers: {
      ...headersOf(
        value(env, "OTEL_EXPORTER_OTLP_HEADERS"),
        "OTEL_EXPORTER_OTLP_HEADERS",
        problems,
      ),
      ...headersOf(
        value(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS"),
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
        problems,
      ),
    },
    timeoutMs: ms("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", ms("OTEL_EXPORTER_OTLP_TIMEOUT", 10_000)),
    serviceName: value(env, "OTEL_SERVICE_NAME") ?? null,
    sampler: oneOf(env, problems, "OTEL_TRACES_SAMPLER", SAMPLERS, "parentbased_always_on"),
    samplerRatio: Number.isFinite(samplerRatio) ? Math.min(1, Math.max(0, samplerRatio)) : 1,
    batch: {
      delayMs: ms("OTEL_BSP_SCHEDULE_DELAY", 5000),
      maxQueueSize: count("OTEL_BSP_MAX_QUEUE_SIZE", 2048),
      maxExportBatchSize: count("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512),
    },
  };
}
