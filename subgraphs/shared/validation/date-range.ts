// The date range of a dashboard read: Shenzhen dates, both ends inclusive, at most ten years.
import { badInput } from "../../../runtime/errors";

export const MAX_RANGE_YEARS = 10;

/** The same calendar day `years` later; 29 February becomes 1 March in a common year. */
export function yearsLater(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const rest = iso.slice(4);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return rest === "-02-29" && !leap ? `${year}-03-01` : `${year}${rest}`;
}

/** Refuses from > to and ranges longer than ten years, naming both dates. */
export function checkDateRange(from: string, to: string): { from: string; to: string } {
  if (from > to) throw badInput(`from ${from} is after to ${to}; swap them`);
  if (to > yearsLater(from, MAX_RANGE_YEARS)) {
    throw badInput(
      `the range ${from} to ${to} is longer than ${MAX_RANGE_YEARS} years; ask for at most ${MAX_RANGE_YEARS} years at a time`,
    );
  }
  return { from, to };
}
