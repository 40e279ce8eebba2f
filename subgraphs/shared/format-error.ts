// The subgraphs' error boundary: services throw DomainError with a code from the one table
// (runtime/errors.ts); this turns every error into a GraphQL error with extensions.code, and
// failed input validation into BAD_USER_INPUT with a `problems` list. Unexpected failures are
// logged (without statement values) and answered as "internal error".
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { QueryFailedError } from "typeorm";
import { codeExtensions, DomainError, isErrorCode, redact } from "../../runtime/errors";
import { errorFields, type Logger } from "../../runtime/log";
import { DatabaseUnanswered, type WriteOutcome } from "./db-bounds";
import { isDeadlock, isUniqueViolation } from "./unique-violation";

/** Flattens class-validator's nested errors into "input.categories: ..." lines. */
export function describeValidation(errors: ValidationError[], prefix = ""): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // Messages that already start with the field's name read better without the path again.
      lines.push(
        !prefix && message.startsWith(`${error.property} `) ? message : `${path}: ${message}`,
      );
    }
    if (error.children?.length) lines.push(...describeValidation(error.children, path));
  }
  return lines;
}

type DriverError = { code?: string; errno?: number };

const internal = (formatted: GraphQLFormattedError): GraphQLFormattedError => ({
  message: "internal error",
  path: formatted.path,
  extensions: codeExtensions("INTERNAL_SERVER_ERROR"),
});

/** A literal our Date/DateTime scalars refuse is the client's mistake, not a bad query. */
function refusedScalarLiteral(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const original = error.originalError;
  return original instanceof GraphQLError && original.extensions?.code === "BAD_USER_INPUT"
    ? original
    : null;
}

/**
 * Failures of the connection to the database rather than of a statement: the database is down,
 * unreachable, restarting, or (SQLite) held by another writer. The transaction did not commit.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
  "POOL_CLOSED",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
]);

/**
 * The server's own time limits (db-bounds.ts) stopped the statement; the transaction rolls back
 * before the answer. By number: mysql2 has no name for MariaDB's 1969.
 */
const SERVER_TIMEOUTS = new Set([
  1205, // ER_LOCK_WAIT_TIMEOUT: innodb_lock_wait_timeout
  1969, // ER_STATEMENT_TIMEOUT (MariaDB): max_statement_time
  3024, // ER_QUERY_TIMEOUT (MySQL): max_execution_time
]);

/**
 * What a failure of the database (not of a statement) may have written: nothing, unless the
 * connection was lost while its COMMIT was on the way (SQLite's commit is in this process: a busy
 * one did not happen). Null for any other failure.
 */
function databaseFailure(thrown: unknown): WriteOutcome | null {
  if (thrown instanceof DatabaseUnanswered) return thrown.outcome;
  // mysql2 rejects a failed connect with a plain object, which graphql-js wraps (NonErrorThrown).
  const error = (thrown as { thrownValue?: unknown })?.thrownValue ?? thrown;
  const driver = (error as { driverError?: DriverError & { fatal?: boolean } })?.driverError;
  const code = driver?.code ?? (error as { code?: unknown })?.code;
  // mysql2 marks errors that ended the connection as fatal, whatever their code.
  const fatal = driver?.fatal === true || (error as { fatal?: unknown })?.fatal === true;
  const unavailable =
    fatal ||
    (typeof code === "string" && UNAVAILABLE_CODES.has(code)) ||
    SERVER_TIMEOUTS.has(driver?.errno ?? -1);
  if (!unavailable) return null;
  const query = (error as { query?: unknown })?.query;
  const sqlite = typeof code === "string" && code.startsWith("SQLITE");
  return fatal && !sqlite && typeof query === "string" && /^\s*COMMIT\b/i.test(query)
    ? "unknown"
    : "not-written";
}

/** The answer to a database that failed or did not answer in time, saying what may be written. */
function databaseError(
  outcome: WriteOutcome,
  formatted: GraphQLFormattedError,
  subgraph: string,
): GraphQLFormattedError {
  return outcome === "unknown"
    ? {
        message:
          `the ${subgraph} database did not confirm the write: it may or may not have been ` +
          `written; read the current state before sending it again`,
        path: formatted.path,
        extensions: codeExtensions("OUTCOME_UNKNOWN"),
      }
    : {
        message: `the ${subgraph} database is not answering right now; nothing was written, try again in a moment`,
        path: formatted.path,
        extensions: codeExtensions("SERVICE_UNAVAILABLE"),
      };
}

export function createFormatError(log: Logger, subgraph = "this service") {
  return function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
  ): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    const outcome = databaseFailure(original);
    if (outcome) {
      const reason = redact(String((original as Error)?.message));
      log.warn({ outcome, reason }, "database unavailable");
      return databaseError(outcome, formatted, subgraph);
    }
    if (original instanceof DomainError) {
      return {
        ...formatted,
        message: original.message,
        extensions: codeExtensions(original.code, original.details),
      };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = describeValidation(original.extensions.validationErrors);
      return {
        ...formatted,
        message: `invalid input: ${problems.join("; ")}`,
        extensions: codeExtensions("BAD_USER_INPUT", { problems }),
      };
    }
    if (original instanceof QueryFailedError) {
      const driver = (original as QueryFailedError & { driverError?: DriverError }).driverError;
      if (isUniqueViolation(original)) {
        return {
          message:
            "another request wrote the same record at the same moment; nothing was written, send it again",
          path: formatted.path,
          extensions: codeExtensions("CONFLICT"),
        };
      }
      // InnoDB stopped one of two writes that waited on each other (e.g. concurrent publishes
      // adding to the same kept counts) and rolled its whole transaction back: the same request
      // may go through when sent again, under the same Idempotency-Key too (SERVICE_UNAVAILABLE
      // releases the key, plugins/idempotency.ts).
      if (isDeadlock(original)) {
        return {
          message: `the ${subgraph} database stopped this write because another was writing the same rows at the same moment; nothing was written, try again in a moment`,
          path: formatted.path,
          extensions: codeExtensions("SERVICE_UNAVAILABLE"),
        };
      }
      if (driver?.code === "ER_DATA_TOO_LONG" || driver?.errno === 1406) {
        const column = /column '([^']+)'/.exec(original.message)?.[1] ?? "a field";
        return {
          message: `${column} is too long for the hub; shorten it (nothing was written)`,
          path: formatted.path,
          extensions: codeExtensions("BAD_USER_INPUT"),
        };
      }
      // Never log the statement's parameters or echoed values: they can hold personal data.
      log.error(
        { driverCode: driver?.code ?? "unknown", ...errorFields(original, redact) },
        "database failure",
      );
      return internal(formatted);
    }
    const scalar = refusedScalarLiteral(error);
    if (scalar && formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED") {
      return {
        ...formatted,
        message: scalar.message,
        extensions: codeExtensions("BAD_USER_INPUT"),
      };
    }
    const code = formatted.extensions?.code;
    if (
      code === "INTERNAL_SERVER_ERROR" ||
      (!isErrorCode(code) && !(original instanceof GraphQLError))
    ) {
      // Unknown failures are logged with their stack and answered without internals.
      log.error(errorFields(original, redact), "unexpected error");
      return internal(formatted);
    }
    return formatted;
  };
}
