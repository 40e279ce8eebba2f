// The one table of error codes: every code the hub answers with, its HTTP status and what it
// means. Services throw a DomainError with a domain code; the boundaries (runtime/http, the
// subgraphs' formatError, the gateway's errors plugin) map from this table. A code that is not in
// the table does not compile, and no code is ever inferred from an error message's wording.
import { GraphQLError } from "graphql";

/** The codes a service may throw: the contract's error codes. */
export const DOMAIN_ERRORS = {
  BAD_USER_INPUT: { status: 400, meaning: "the input is invalid; the message says what to fix" },
  UNAUTHENTICATED: { status: 401, meaning: "no valid bearer token: sign in (npm run token)" },
  FORBIDDEN: { status: 403, meaning: "the caller's role or district may not do this" },
  NOT_FOUND: { status: 404, meaning: "the record does not exist (or is not visible to you)" },
  CONFLICT: { status: 409, meaning: "the record's state does not allow this change now" },
  SERVICE_UNAVAILABLE: {
    status: 503,
    meaning: "a part of the hub (a database) cannot answer now; nothing was written; try again",
  },
  OUTCOME_UNKNOWN: {
    status: 504,
    meaning:
      "a write was sent but its answer never came: it may or may not have been written; read " +
      "the current state before sending it again (the same Idempotency-Key gets this answer again)",
  },
} as const satisfies Record<string, ErrorRow>;

/** Codes raised by the GraphQL and HTTP layers themselves, which clients also see. */
export const PROTOCOL_ERRORS = {
  GRAPHQL_PARSE_FAILED: { status: 400, meaning: "the query is not valid GraphQL" },
  GRAPHQL_VALIDATION_FAILED: { status: 400, meaning: "the query does not fit the schema" },
  BAD_REQUEST: { status: 400, meaning: "the HTTP request is malformed (body, method, headers)" },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: "the request body exceeds the configured limit" },
  RATE_LIMITED: { status: 429, meaning: "too many requests; wait retryAfterSeconds and try again" },
  REQUEST_TIMEOUT: { status: 408, meaning: "the request was not sent in time; send it again" },
  HEADERS_TOO_LARGE: { status: 431, meaning: "the request's headers are too large" },
  ROUTE_NOT_FOUND: { status: 404, meaning: "no endpoint at this path" },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, meaning: "send the full query with its hash" },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, meaning: "persisted queries are off" },
  OPERATION_RESOLUTION_FAILURE: { status: 400, meaning: "name the operation to run" },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    meaning: "a request with this Idempotency-Key is still running; wait and send it again",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    meaning: "this Idempotency-Key was used for a different request; use a new key",
  },
  INTERNAL_SERVER_ERROR: { status: 500, meaning: "the hub failed; the details are in its log" },
} as const satisfies Record<string, ErrorRow>;

interface ErrorRow {
  status: number;
  meaning: string;
}

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;
export type ErrorCode = DomainErrorCode | keyof typeof PROTOCOL_ERRORS;

export const ERRORS: Record<ErrorCode, ErrorRow> = { ...DOMAIN_ERRORS, ...PROTOCOL_ERRORS };

/** Codes a client can act on (all but INTERNAL_SERVER_ERROR); the gateway passes them through. */
export const CLIENT_CODES: ReadonlySet<string> = new Set(
  (Object.keys(ERRORS) as ErrorCode[]).filter((code) => code !== "INTERNAL_SERVER_ERROR"),
);

export const httpStatusOf = (code: ErrorCode) => ERRORS[code].status;

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === "string" && Object.prototype.hasOwnProperty.call(ERRORS, code);

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * A request refused at the HTTP layer before any GraphQL work (a document over a limit, a body
 * nesting too deep, no Host): the server answers it with the code's status in the error shape and
 * logs it as one line per kind, repeats capped (runtime/http/server.ts).
 */
export class RequestRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    /** What kind of mistake, for the log: repeats of one kind are capped per minute. */
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = "RequestRefusal";
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError("BAD_USER_INPUT", message, details);
export const unauthenticated = (message = "sign in first: this needs a valid bearer token") =>
  new DomainError("UNAUTHENTICATED", message);
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const notFound = (message: string) => new DomainError("NOT_FOUND", message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError("CONFLICT", message, details);

/**
 * A GraphQLError that carries its code and HTTP status. Apollo Server honours extensions.http for
 * errors raised while the request context is built (a bad token is 401 before any resolver runs).
 */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      ...error.details,
      code: error.code,
      http: { status: httpStatusOf(error.code) },
    },
  });
}

/** Context factories throw DomainError; Apollo only keeps the code of a GraphQLError. */
export function contextError(error: unknown, requestId?: string): never {
  if (error instanceof DomainError) {
    const graphQLError = toGraphQLError(error);
    if (requestId) graphQLError.extensions.requestId = requestId;
    throw graphQLError;
  }
  throw error;
}

/** The body of an error answered outside GraphQL execution (bad JSON, 413, 404). */
export const errorBody = (code: ErrorCode, message: string, requestId?: string) => ({
  errors: [{ message, extensions: requestId ? { code, requestId } : { code } }],
});

/**
 * Masks what may be personal data before a message is logged: quoted values with digits (driver
 * messages such as "Duplicate entry '4403…' for key") and any run of 11 or more digits (mobile
 * numbers, ID numbers).
 */
export const redact = (text: string) =>
  text.replace(/'[^'\n]*\d[^'\n]*'/g, "'<redacted>'").replace(/\d{11,}[\dXx]?/g, "<redacted>");
