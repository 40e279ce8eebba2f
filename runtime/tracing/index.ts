// OpenTelemetry traces of every server (gateway and subgraphs): spans made by hand at the hub's own
// seams (the HTTP request, parse and validate, each subgraph fetch, each SQL statement), exported
// over OTLP/HTTP when an endpoint is configured (config.tracing). Each server has a tracer provider
// of its own, so that its spans carry its own service.name even when several servers share a
// process (the tests, the benchmark); the gateway's is also the global one that Apollo's gateway
// makes its own spans with (gateway.request, gateway.plan, gateway.fetch...). Context travels with
// the async work of a request (AsyncLocalStorage) and between processes as W3C traceparent.
//
// Tracing off (no endpoint) is the no-op API: nothing is registered, the seams check `enabled`
// and do not even make no-op spans, and the log mixin finds no span.
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Tracer,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { TracingConfig } from "../config";

export interface Tracing {
  /** False while no endpoint is set: the seams make no spans at all. */
  enabled: boolean;
  /** This server's tracer (the API's no-op one while tracing is off). */
  tracer: Tracer;
  /** Exports the spans ended so far (tests; before stopping). */
  flush(): Promise<void>;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

export const TRACING_OFF: Tracing = {
  enabled: false,
  tracer: trace.getTracer("hub"),
  flush: async () => undefined,
  shutdown: async () => undefined,
};

const propagator = new W3CTraceContextPropagator();
let contextManager: AsyncLocalStorageContextManager | null = null;

function samplerOf(config: TracingConfig): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return ratio;
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: ratio });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * The tracing of one server: `name` is its default service name (hub-gateway, hub-districts...).
 * `global`: also the process's global provider, for the spans libraries make (Apollo's gateway).
 */
export function startTracing(
  config: TracingConfig,
  name: string,
  options: { global?: boolean } = {},
): Tracing {
  if (!config.tracesUrl) return TRACING_OFF;
  if (!contextManager) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const exporter = new OTLPTraceExporter({
    url: config.tracesUrl,
    headers: config.headers,
    timeoutMillis: config.timeoutMs,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName ?? name }),
    sampler: samplerOf(config),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: config.batch.delayMs,
        maxQueueSize: config.batch.maxQueueSize,
        maxExportBatchSize: Math.min(config.batch.maxExportBatchSize, config.batch.maxQueueSize),
        exportTimeoutMillis: config.timeoutMs,
      }),
    ],
  });
  const global = options.global === true && trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    tracer: provider.getTracer("hub", undefined),
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (global) trace.disable();
      await provider.shutdown();
    },
  };
}

/** The trace context of incoming headers (traceparent, tracestate), or none. */
export const extractTraceContext = (headers: Record<string, unknown>): Context =>
  propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);

/** Adds the current trace context (traceparent) to outgoing headers; nothing outside a trace. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagator.inject(context.active(), headers, defaultTextMapSetter);
}

/** The trace id of the current request, or null outside a trace (and while tracing is off). */
export function currentTraceId(): string | null {
  const span = trace.getSpanContext(context.active());
  return span && trace.isSpanContextValid(span) ? span.traceId : null;
}
