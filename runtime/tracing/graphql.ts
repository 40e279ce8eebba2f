// The GraphQL steps of a traced request, in the gateway and the subgraphs (an Apollo Server plugin,
// as runtime/http/graphql-metrics.ts is): a span for parsing and one for validation, children of
// the HTTP request's span, which gets the operation's name and type once they are known. Never the
// document or its variables. Only installed while tracing is on.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { context, SpanStatusCode, trace, type Context } from "@opentelemetry/api";
import type { Tracing } from "./index";

function step(tracing: Tracing, name: string, parent: Context) {
  const span = tracing.tracer.startSpan(name, {}, parent);
  return async (error?: unknown) => {
    if (error && (!Array.isArray(error) || error.length))
      span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
}

export function tracingPlugin<TContext extends BaseContext>(
  tracing: Tracing,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const parent = context.active();
      return {
        parsingDidStart: async () => step(tracing, "graphql.parse", parent),
        validationDidStart: async () => step(tracing, "graphql.validate", parent),
        async didResolveOperation({ operationName, operation }) {
          trace.getSpan(parent)?.setAttributes({
            ...(operationName ? { "graphql.operation.name": operationName } : {}),
            ...(operation ? { "graphql.operation.type": operation.operation } : {}),
          });
        },
      };
    },
  };
}
