// The two scalars of the contract: Date is an ISO calendar date ("2025-03-31"), DateTime an ISO
// timestamp in UTC. Dates travel as strings so that no time zone can shift them by a day.
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw new GraphQLError(
      `"${String(value)}" is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31`,
      {
        extensions: { code: "BAD_USER_INPUT" },
      },
    );
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "An ISO 8601 calendar date, e.g. 2025-03-31.",
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === "string") return value.slice(0, 10);
    throw new GraphQLError(`cannot serialise ${String(value)} as a Date`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('a Date is written as a string, e.g. "2025-03-31"');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(
      `"${String(value)}" is not an ISO timestamp, e.g. 2025-03-31T08:00:00Z`,
      {
        extensions: { code: "BAD_USER_INPUT" },
      },
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
      throw new GraphQLError(`cannot serialise ${String(value)} as a DateTime`);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("a DateTime is written as an ISO string");
    return parseDateTime(ast.value);
  },
});

/**
 * Business dates are Shenzhen's (UTC+8, no daylight saving): an activity held this morning in
 * Shenzhen is "today" even while it is still yesterday in UTC. Timestamps stay in UTC.
 */
export const BUSINESS_UTC_OFFSET_HOURS = 8;

/** Today's date in Shenzhen as YYYY-MM-DD. */
export const today = (now = new Date()) =>
  new Date(now.getTime() + BUSINESS_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);

/** The Shenzhen date of an instant. */
export const businessDate = (at: Date) => today(at);

/** An ISO date moved by whole days. */
export const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
