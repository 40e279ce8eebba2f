// A date range as the rollups read it: the whole months inside it (from the district × month
// rollups, services/rollups.ts) and the days at either edge outside a whole month (from the raw
// rows). Both parts together are exactly the range.
import { addDays, previousMonth } from "../../../runtime/dates";

/** An inclusive range of Shenzhen dates. */
export interface Span {
  from: string;
  to: string;
}

export interface SplitRange {
  /** The first and last whole month (YYYY-MM), or null when the range holds none. */
  months: { from: string; to: string } | null;
  /** The days outside those months, at most two spans. */
  edges: Span[];
}

const nextMonth = (month: string) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};
const lastDayOf = (month: string) => addDays(`${nextMonth(month)}-01`, -1);

export function splitRange(from: string, to: string): SplitRange {
  const first = from.endsWith("-01") ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = lastDayOf(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (first > last) return { months: null, edges: from <= to ? [{ from, to }] : [] };
  const edges: Span[] = [];
  if (from < `${first}-01`) edges.push({ from, to: addDays(`${first}-01`, -1) });
  if (to > lastDayOf(last)) edges.push({ from: addDays(lastDayOf(last), 1), to });
  return { months: { from: first, to: last }, edges };
}

/** `(column BETWEEN :f0 AND :t0 OR ...)` and its parameters, for a query builder. */
export function inSpans(column: string, spans: readonly Span[], prefix = "span") {
  const params: Record<string, string> = {};
  const parts = spans.map((s, i) => {
    params[`${prefix}F${i}`] = s.from;
    params[`${prefix}T${i}`] = s.to;
    return `${column} BETWEEN :${prefix}F${i} AND :${prefix}T${i}`;
  });
  return { sql: `(${parts.join(" OR ")})`, params };
}

/** Hours summed by SQL (exact on MySQL, binary on SQLite) as whole cents. */
export const cents = (hours: number) => Math.round(hours * 100);
