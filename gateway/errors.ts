// What the gateway tells clients about failures it did not expect: subgraph errors that carry one
// of the contract's codes pass through as they are; anything else (a subgraph down, a bad HTTP
// answer) is logged and answered without internal addresses or response bodies.
import type { GraphQLFormattedError } from "graphql";
import { redact } from "../subgraphs/shared/errors";

const CONTRACT_CODES = new Set([
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
]);
const CLIENT_CODES = new Set([
  ...CONTRACT_CODES,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
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
      extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: service },
    };
  }
  console.error(`[gateway] ${service ?? "gateway"}: ${redact(formatted.message)}`);
  return {
    message: "internal error",
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR", ...(service ? { serviceName: service } : {}) },
  };
}
