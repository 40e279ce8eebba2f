// One client span per try of a subgraph call (below the retries of subgraph-calls.ts and the
// credential of credential-fetcher.ts), named for the subgraph, with the operation the query
// planner named (CaseStories__publicity__0) and never the variables; the call carries it to the
// subgraph as W3C traceparent, where the subgraph's own spans continue the trace. Tracing off,
// the fetcher is the one given, untouched.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { SubgraphName } from "../runtime/config";
import { injectTraceContext, type Tracing } from "../runtime/tracing";
import type { Fetcher } from "./subgraph-fetcher";

/** The operation name of a body as the data source writes it: {"query":"query Name(...". */
export const operationNameOf = (body: string): string | undefined =>
  /^\{"query":"(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body)?.[1];

export function tracedFetcher(subgraph: SubgraphName, base: Fetcher, tracing: Tracing): Fetcher {
  if (!tracing.enabled) return base;
  return (url, init = {}) => {
    const operation = operationNameOf(typeof init.body === "string" ? init.body : "");
    const target = new URL(url);
    const attributes = {
      "hub.subgraph": subgraph,
      "http.request.method": init.method ?? "POST",
      "server.address": target.hostname,
      "server.port": Number(target.port) || (target.protocol === "https:" ? 443 : 80),
      ...(operation ? { "graphql.operation.name": operation } : {}),
    };
    const name = `subgraph ${subgraph}${operation ? ` ${operation}` : ""}`;
    return tracing.tracer.startActiveSpan(
      name,
      { kind: SpanKind.CLIENT, attributes },
      async (span) => {
        const headers = { ...init.headers };
        injectTraceContext(headers);
        try {
          const response = await base(url, { ...init, headers });
          span.setAttribute("http.response.status_code", response.status);
          if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (error) {
          // The kind of failure only: a message can hold an address.
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
}
