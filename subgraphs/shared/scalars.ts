// The two scalars of the contract: Date is an ISO calendar date ("2025-03-31"), DateTime an ISO
// timestamp in UTC. Dates travel as strings so that no time zone can shift them by a day.
import { GraphQLScalarType, Kind } from "graphql";
import { calendarDateOf, isIsoDate } from "../../runtime/dates";
import { graphQLError } from "../../runtime/errors";

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw graphQLError(
      "BAD_USER_INPUT",
      `"${String(value)}" is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31`,
    );
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "An ISO 8601 calendar date, e.g. 2025-03-31.",
  serialize(value) {
    if (value instanceof Date) return calendarDateOf(value);
    if (typeof value === "string") return value.slice(0, 10);
    throw graphQLError("INTERNAL_SERVER_ERROR", `cannot serialise ${String(value)} as a Date`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw graphQLError("BAD_USER_INPUT", 'a Date is written as a string, e.g. "2025-03-31"');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw graphQLError(
      "BAD_USER_INPUT",
      `"${String(value)}" is not an ISO timestamp, e.g. 2025-03-31T08:00:00Z`,
    );
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: "An ISO 8601 timestamp in UTC, e.g. 2025-03-31T08:00:00.000Z.",
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime()))
      throw graphQLError(
        "INTERNAL_SERVER_ERROR",
        `cannot serialise ${String(value)} as a DateTime`,
      );
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw graphQLError("BAD_USER_INPUT", "a DateTime is written as an ISO string");
    return parseDateTime(ast.value);
  },
});
