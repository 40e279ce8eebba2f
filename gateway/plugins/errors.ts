// What the gateway tells clients about failures: errors that carry a client code of the one table
// (runtime/errors.ts) pass through as the subgraph sent them, minus any raw HTTP response; an
// unreachable subgraph is named; anything else is logged and answered as "internal error", without
// internal addresses or response bodies.
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { CLIENT_CODES, codeExtensions, redact } from "../../runtime/errors";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";

export function formatGatewayError(
  formatted: GraphQLFormattedError,
  log: Logger,
): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
  // Apollo Server's own answer to an unknown APQ hash is the bare word below: give it a sentence.
  // A subgraph's or route's PERSISTED_QUERY_NOT_FOUND keeps its message, like every client code.
  if (code === "PERSISTED_QUERY_NOT_FOUND" && formatted.message === "PersistedQueryNotFound")
    formatted = {
      ...formatted,
      message:
        "the hub does not know this query's hash (yet): send the full query with its hash, or reload the page",
    };
  if (code && CLIENT_CODES.has(code)) {
    // Keep what a client can act on; drop the subgraph's raw HTTP response if one is attached.
    const { response: _response, ...rest } = extensions as Record<string, unknown>;
    return { ...formatted, extensions: rest };
  }
  const service = typeof extensions.serviceName === "string" ? extensions.serviceName : undefined;
  if (extensions.unavailable === true && service) {
    return {
      message: formatted.message,
      path: formatted.path,
      extensions: codeExtensions("INTERNAL_SERVER_ERROR", { serviceName: service }),
    };
  }
  log.error({ service: service ?? "gateway", reason: redact(formatted.message) }, "error");
  return {
    message: "internal error",
    path: formatted.path,
    extensions: codeExtensions("INTERNAL_SERVER_ERROR", service ? { serviceName: service } : {}),
  };
}

/** Rewrites every error of a response just before it is sent. */
export function errorsPlugin(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          // Each error carries the request id, which finds this request's lines in every log.
          const requestId = contextValue.requestId;
          if (result.errors)
            result.errors = result.errors.map((e) => {
              const formatted = formatGatewayError(e, log);
              return { ...formatted, extensions: { ...formatted.extensions, requestId } };
            });
        },
      };
    },
  };
}
