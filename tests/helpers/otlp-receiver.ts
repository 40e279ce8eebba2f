// A test OTLP receiver: a real HTTP server taking POST /v1/traces as the OpenTelemetry Collector
// does (OTLP/HTTP with JSON bodies, the exporter's default), each body typed with the
// ExportTraceServiceRequest definitions of @opentelemetry/otlp-transformer, the package that writes
// them. It keeps every span it was sent, flattened with its resource's service.name.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type {
  IExportTraceServiceRequest,
  ISpan,
} from "@opentelemetry/otlp-transformer/build/src/trace/internal-types";
import type {
  IAnyValue,
  IKeyValue,
} from "@opentelemetry/otlp-transformer/build/src/common/internal-types";

export interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  /** null for a trace's root span. */
  parentSpanId: string | null;
  name: string;
  /** SpanKind as OTLP numbers it: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, string | number | boolean>;
}

export const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

function valueOf(value: IAnyValue | undefined): string | number | boolean {
  if (!value) return "";
  if (value.stringValue !== undefined && value.stringValue !== null) return value.stringValue;
  if (value.boolValue !== undefined && value.boolValue !== null) return value.boolValue;
  if (value.intValue !== undefined && value.intValue !== null) return Number(value.intValue);
  if (value.doubleValue !== undefined && value.doubleValue !== null) return value.doubleValue;
  return JSON.stringify(value);
}

const attributesOf = (list: IKeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));

/** The ids arrive as hex strings in OTLP/JSON (bytes in protobuf). */
const hex = (id: ISpan["spanId"] | undefined) =>
  !id ? "" : typeof id === "string" ? id : Buffer.from(id).toString("hex");

function flatten(request: IExportTraceServiceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resource) => {
    const service = String(attributesOf(resource.resource?.attributes)["service.name"] ?? "");
    return resource.scopeSpans.flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        scope: scope.scope?.name ?? "",
        traceId: hex(span.traceId),
        spanId: hex(span.spanId),
        parentSpanId: hex(span.parentSpanId) || null,
        name: span.name,
        kind: span.kind,
        attributes: attributesOf(span.attributes),
      })),
    );
  });
}

export interface OtlpReceiver {
  /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to: http://127.0.0.1:<port>. */
  endpoint: string;
  spans(): ReceivedSpan[];
  /** Export requests received, and the bodies it could not read. */
  requests(): { received: number; unreadable: number };
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  let received = 0;
  let unreadable = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      received += 1;
      try {
        spans.push(...flatten(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
      } catch {
        unreadable += 1;
        res.writeHead(400).end();
        return;
      }
      // ExportTraceServiceResponse: an empty object is a full success.
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans: () => [...spans],
    requests: () => ({ received, unreadable }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
