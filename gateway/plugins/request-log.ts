// One log line per GraphQL request: operation name, caller role, duration, error codes. Never the
// variables or the query text, which can carry personal data.
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";

export function requestLogPlugin(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, response, operationName }) {
          const errors =
            response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          log.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? request.operationName ?? null,
              role: contextValue.caller?.role ?? "ANONYMOUS",
              ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
              status: response.http.status ?? 200,
              errors: errors.map((e) => e.extensions?.code ?? "UNKNOWN"),
            },
            "graphql",
          );
        },
      };
    },
  };
}
