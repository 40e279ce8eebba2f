// The one table of error codes: every code the hub answers with, its HTTP status and what it
// means. Services throw a DomainError with a domain code; routes throw a HubError with any code of
// the table. Every error body, status and GraphQL error is made here: errorAnswer/errorBody for an
// HTTP answer (runtime/http/error-answer.ts sends it), graphQLError and codeExtensions for GraphQL.
// A code that is not in the table does not compile, and no code is ever inferred from an error
// message's wording; tests/unit/error-table.test.ts checks that no other file writes a code into
// extensions or an error status by hand.
import { GraphQLError, type ASTNode } from "graphql";

/** The codes a service may throw: the contract's error codes. */
export const DOMAIN_ERRORS = {
  BAD_USER_INPUT: { status: 400, meaning: "the input is invalid; the message says what to fix" },
  UNAUTHENTICATED: { status: 401, meaning: "no valid bearer token: sign in (npm run token)" },
  FORBIDDEN: { status: 403, meaning: "the caller's role or district may not do this" },
  NOT_FOUND: { status: 404, meaning: "the record does not exist (or is not visible to you)" },
  CONFLICT: { status: 409, meaning: "the record's state does not allow this change now" },
  SERVICE_UNAVAILABLE: {
    status: 503,
    meaning:
      "a part of the hub (a database, the PDF printers, a page not built) cannot answer now; " +
      "nothing was written; try again",
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
  TRUSTED_DOCUMENT_REQUIRED: {
    status: 400,
    meaning:
      "this caller may run only the hub's trusted documents: send a documentId from " +
      "schema/trusted-documents.json (or sign in, where signed-in callers may send queries)",
  },
  PERSISTED_DOCUMENT_NOT_FOUND: {
    status: 400,
    meaning:
      "the documentId is not one of the hub's trusted documents: the client is older or newer " +
      "than the hub; reload it (or send the query text, where your caller may)",
  },
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

/** The hub's own failure (a 5xx code), not the client's mistake. */
export const isHubFailure = (code: ErrorCode) => httpStatusOf(code) >= 500;

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === "string" && Object.prototype.hasOwnProperty.call(ERRORS, code);

/** A retryAfterSeconds among an error's details: a whole number of seconds above 0, or none. */
function retryAfterOf(details?: Record<string, unknown>): number | undefined {
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === "number" && Number.isInteger(seconds) && seconds > 0
    ? seconds
    : undefined;
}

/**
 * An error answered with a code of the table: what routes throw and answer with sendError
 * (runtime/http/error-answer.ts), and the base of DomainError and RequestRefusal. `details` go
 * into the answer's extensions beside the code; a retryAfterSeconds among them is also sent as
 * the Retry-After header.
 */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HubError";
  }

  /** When to try again (RATE_LIMITED, a busy PDF queue): a whole number of seconds, or none. */
  get retryAfterSeconds(): number | undefined {
    return retryAfterOf(this.details);
  }
}

/** What a service throws: one of the domain codes (a protocol code does not compile here). */
export class DomainError extends HubError {
  declare readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = "DomainError";
  }
}

/**
 * A request refused at the HTTP layer before any GraphQL work (a document over a limit, a body
 * nesting too deep, no Host): the server answers it with the code's status in the error shape and
 * logs it as one line per kind, repeats capped (runtime/http/server.ts).
 */
export class RequestRefusal extends HubError {
  constructor(
    code: ErrorCode,
    /** What kind of mistake, for the log: repeats of one kind are capped per minute. */
    readonly kind: string,
    message: string,
  ) {
    super(code, message);
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

/** The extensions of an error with a code of the table: what else it carries, then its code. */
export const codeExtensions = (code: ErrorCode, details?: Record<string, unknown>) => ({
  ...details,
  code,
});

export interface GraphQLErrorOptions {
  /** What the error carries beside its code (serviceName, problems, retryAfterSeconds). */
  details?: Record<string, unknown>;
  /**
   * Apollo answers the request with the code's HTTP status, and Retry-After when the details
   * carry retryAfterSeconds: for errors raised before execution (a plugin, the context factory).
   */
  http?: boolean;
  /** The part of the document the error is about. */
  nodes?: ASTNode | readonly ASTNode[];
}

/** A GraphQLError with a code of the table: the one way to raise an error in GraphQL. */
export function graphQLError(
  code: ErrorCode,
  message: string,
  options: GraphQLErrorOptions = {},
): GraphQLError {
  const extensions: Record<string, unknown> = codeExtensions(code, options.details);
  if (options.http) {
    const retryAfter = retryAfterOf(options.details);
    // Apollo takes any Map for the headers (errorNormalize.js: headers instanceof Map).
    const headers = new Map(retryAfter ? [["retry-after", String(retryAfter)]] : []);
    extensions.http = { status: httpStatusOf(code), headers };
  }
  return new GraphQLError(message, { nodes: options.nodes, extensions });
}

/**
 * Context factories throw DomainError (a bad token); Apollo only keeps the code of a GraphQLError,
 * and honours its extensions.http for errors raised while the context is built: the table's
 * status (401) before any resolver runs.
 */
export function contextError(error: unknown, requestId?: string): never {
  if (error instanceof HubError) {
    throw graphQLError(error.code, error.message, {
      details: requestId ? { ...error.details, requestId } : error.details,
      http: true,
    });
  }
  throw error;
}

/**
 * The body of an error answered outside GraphQL execution (bad JSON, 413, 404, a route's
 * refusal): the shape of a GraphQL error, its details beside the code, and the request id.
 */
export const errorBody = (error: HubError, requestId?: string) => ({
  errors: [
    {
      message: error.message,
      extensions: requestId
        ? { ...codeExtensions(error.code, error.details), requestId }
        : codeExtensions(error.code, error.details),
    },
  ],
});

/**
 * The whole HTTP answer to an error: the code's status, Retry-After when the error carries
 * retryAfterSeconds, and the error body. runtime/http/error-answer.ts sends it.
 */
export function errorAnswer(error: HubError, requestId?: string) {
  const retryAfter = error.retryAfterSeconds;
  return {
    status: httpStatusOf(error.code),
    headers: retryAfter ? { "retry-after": String(retryAfter) } : {},
    body: errorBody(error, requestId),
  };
}

/**
 * Masks what may be personal data before a message is logged: quoted values with digits (driver
 * messages such as "Duplicate entry '4403…' for key") and any run of 11 or more digits (mobile
 * numbers, ID numbers).
 */
export const redact = (text: string) =>
  text.replace(/'[^'\n]*\d[^'\n]*'/g, "'<redacted>'").replace(/\d{11,}[\dXx]?/g, "<redacted>");
