// An Apollo Server plugin that counts GraphQL requests for /metrics: requests and their duration by
// operation (signed-in callers' names, a bounded set of them), errors by code, and answers served
// from the response cache (the gateway's cached ones carry an Age header). The gateway and every
// subgraph use it.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import { Counter, Histogram, type Registry } from "prom-client";
import { labelFor } from "./metrics";

/** An error code as a label: codes are a short list of upper-case words; anything else "OTHER". */
function codeLabel(seen: Set<string>, code: unknown, max = 100): string {
  if (code === undefined) return "UNKNOWN";
  if (typeof code !== "string" || !/^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return "OTHER";
  if (!seen.has(code) && seen.size >= max) return "OTHER";
  seen.add(code);
  return code;
}

/**
 * `signedIn` says whether a request's caller is signed in: anyone can send any operation name, so
 * only a signed-in caller's name becomes a label (a bounded number of them, labelFor); every
 * anonymous request is counted under "anonymous".
 */
export function graphqlMetricsPlugin<T extends BaseContext>(
  registry: Registry,
  signedIn: (ctx: GraphQLRequestContext<T>) => boolean,
): ApolloServerPlugin<T> {
  const requests = new Counter({
    name: "hub_graphql_requests_total",
    help: "GraphQL requests by operation name, type and HTTP status",
    labelNames: ["operation", "type", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "hub_graphql_request_duration_seconds",
    help: "Time from receiving a GraphQL request to sending its answer, by operation",
    labelNames: ["operation"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "hub_graphql_errors_total",
    help: "Errors in GraphQL answers, by extensions.code",
    labelNames: ["code"],
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: "hub_response_cache_hits_total",
    help: "Answers served from the response cache",
    registers: [registry],
  });
  const names = new Set<string>();
  const codes = new Set<string>();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const { request, response, operationName, operation } = ctx;
          const name = operationName ?? request.operationName;
          const operationLabel = labelFor(names, name, signedIn(ctx));
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          duration.observe({ operation: operationLabel }, seconds);
          requests.inc({
            operation: operationLabel,
            type: operation?.operation ?? "unknown",
            status: String(response.http.status ?? 200),
          });
          if (response.body.kind === "single") {
            for (const error of response.body.singleResult.errors ?? []) {
              errors.inc({ code: codeLabel(codes, error.extensions?.code) });
            }
          }
          if (response.http.headers.get("age") !== undefined) cacheHits.inc();
        },
      };
    },
  };
}
