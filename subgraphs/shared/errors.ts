// Errors are mapped at one boundary: services throw DomainError with a contract code, and
// formatError turns every error into a GraphQL error with extensions.code.
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { QueryFailedError } from "typeorm";
import { isUniqueViolation } from "./unique-violation";

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
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

/** Quoted values with digits in driver messages ("Duplicate entry '4403…' for key") may be personal data. */
export const redact = (text: string) => text.replace(/'[^'\n]*\d[^'\n]*'/g, "'<redacted>'");

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { ...original.details, code: original.code },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = describeValidation(original.extensions.validationErrors as ValidationError[]);
    return {
      ...formatted,
      message: `invalid input: ${problems.join("; ")}`,
      extensions: { code: "BAD_USER_INPUT", problems },
    };
  }
  if (original instanceof QueryFailedError) {
    const driver = (
      original as QueryFailedError & { driverError?: { code?: string; errno?: number } }
    ).driverError;
    if (isUniqueViolation(original)) {
      return {
        message:
          "another request wrote the same record at the same moment; nothing was written, send it again",
        path: formatted.path,
        extensions: { code: "CONFLICT" },
      };
    }
    if (driver?.code === "ER_DATA_TOO_LONG" || driver?.errno === 1406) {
      const column = /column '([^']+)'/.exec(original.message)?.[1] ?? "a field";
      return {
        message: `${column} is too long for the hub; shorten it (nothing was written)`,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT" },
      };
    }
    // Never log the statement's parameters or echoed values: they can hold personal data.
    console.error(`[error] database: ${driver?.code ?? "unknown"}: ${redact(original.message)}`);
    return {
      message: "internal error",
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  }
  const code = formatted.extensions?.code;
  if (code === "INTERNAL_SERVER_ERROR" || (!code && !(original instanceof GraphQLError))) {
    // Unknown failures are logged with their stack and answered without internals.
    console.error(
      "[error]",
      original instanceof Error ? redact(original.stack ?? original.message) : original,
    );
    return {
      message: "internal error",
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  }
  return formatted;
}
