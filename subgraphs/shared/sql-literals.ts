// Values written into a MySQL/MariaDB statement as literals, exactly as mysql2 would have put them
// there. mysql2 formats a statement's parameters on the client (sqlstring's `format`: a regular
// expression over the whole text for each `?`, then `escape` on each value); for a 1,000-row
// station publish that was some 17,000 values, 6-7 % of districts' CPU, and the audit events
// repeat nine of their ten values on every row. insertRows (db.ts) writes its multi-row INSERTs
// with these literals instead, a value repeated down a column escaped once.

/** What sqlstring escapes in a string, and how (its CHARS_ESCAPE_MAP). */
// eslint-disable-next-line no-control-regex -- NUL, backspace, tab, line breaks and SUB are escaped
const SPECIAL = /[\0\b\t\n\r\x1a"'\\]/g;
const ESCAPES: Record<string, string> = {
  "\0": "\\0",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\x1a": "\\Z",
  '"': '\\"',
  "'": "\\'",
  "\\": "\\\\",
};

/** A string as sqlstring quotes it. */
export function quoteString(text: string): string {
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(text)) return `'${text}'`;
  SPECIAL.lastIndex = 0;
  return `'${text.replace(SPECIAL, (c) => ESCAPES[c])}'`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A date as sqlstring writes it with the connection's time zone "Z": UTC, to the millisecond. */
function quoteUtcDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return "NULL";
  return (
    `'${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    ` ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}'`
  );
}

/**
 * A value as mysql2 writes it on a connection whose time zone is "Z" (every subgraph's: db.ts), or
 * undefined for a kind of value this does not write (a Buffer, a bigint, an object): the caller
 * then sends parameters as before.
 */
export function sqlLiteral(value: unknown): string | undefined {
  if (value === null || value === undefined) return "NULL";
  switch (typeof value) {
    case "string":
      return quoteString(value);
    case "number":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      return value instanceof Date ? quoteUtcDate(value) : undefined;
  }
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
