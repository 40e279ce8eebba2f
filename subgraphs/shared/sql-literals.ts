// Values written into a MySQL/MariaDB statement as literals, exactly as mysql2 would have put them
// there. mysql2 formats a statement's parameters on the client (sqlstring's `format`: a regular
// expression over the whole text for each `?`, then `escape` on each value); for a 1,000-row
// station publish that was some 17,000 values, 6-7 % of districts' CPU, and the audit events
// repeat nine of their ten values on every row. insertRows (db.ts) writes its multi-row INSERTs
// with these literals instead, a value repeated down a column escaped once.
import { escape } from "mysql2";

/** The kinds of value mysql2 writes as one literal (no list, buffer or object). */
const LITERAL_KINDS = new Set(["string", "number", "boolean"]);

/**
 * A value as mysql2 writes it on a connection whose time zone is "Z" (every subgraph's: db.ts),
 * by mysql2's own escape (sqlstring's, which its format calls for each parameter), or undefined
 * for a kind of value this does not write (a Buffer, a bigint, an object): the caller then sends
 * parameters as before.
 */
export function sqlLiteral(value: unknown): string | undefined {
  return value === null ||
    value === undefined ||
    LITERAL_KINDS.has(typeof value) ||
    value instanceof Date
    ? escape(value, false, "Z")
    : undefined;
}

/**
 * A statement as the logs show it: an INSERT's VALUES cut off, since insertRows writes the values
 * themselves into it (names, phone numbers, ID numbers: never logged).
 */
export function withoutValues(sql: string): string {
  if (!/^\s*INSERT\b/i.test(sql)) return sql;
  const at = sql.indexOf(" VALUES ");
  return at < 0 ? sql : `${sql.slice(0, at)} VALUES …`;
}
