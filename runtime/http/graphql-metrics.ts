// An Apollo Server plugin that counts GraphQL requests for /metrics: requests and their duration by
// operation (a bounded set of names), errors by code, and answers served from the response cache
// (the gateway's cached answers carry an Age header). The gateway and every subgraph use it.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import { Counter, Histogram, type Registry } from "prom-client";
import { labelFor } from "./metrics";

/**
 * `trusted` says whether a request may give a new operation name a label of its own: anyone can
 * send any name, so only trusted callers (signed in) add names; others are counted under a name
 * already labelled, or "other".
 */
export function graphqlMetricsPlugin<T extends BaseContext>(
  registry: Registry,
  trusted: (ctx: GraphQLRequestContext<T>) => boolean = () => true,
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
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const { request, response, operationName, operation } = ctx;
          const name = operationName ?? request.operationName;
          const operationLabel =
            trusted(ctx) || (name && names.has(name))
              ? labelFor(names, name)
              : name
                ? "other"
                : "anonymous";
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          duration.observe({ operation: operationLabel }, seconds);
          requests.inc({
            operation: operationLabel,
            type: operation?.operation ?? "unknown",
            status: String(response.http.status ?? 200),
          });
          if (response.body.kind === "single") {
            for (const error of response.body.singleResult.errors ?? []) {
              errors.inc({ code: String(error.extensions?.code ?? "UNKNOWN") });
            }
          }
          if (response.http.headers.get("age") !== undefined) cacheHits.inc();
        },
      };
    },
  };
}
