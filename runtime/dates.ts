// The hub's one date helper. Business dates are Shenzhen's (UTC+8, no daylight saving): an activity
// held this morning in Shenzhen is "today" even while it is still yesterday in UTC. Timestamps stay
// in UTC. Code and tests take every business date from here; nothing else does the +8 h arithmetic
// or slices toISOString() (tests/unit/dates.test.ts checks the sources for second copies).

export const BUSINESS_UTC_OFFSET_HOURS = 8;
const OFFSET_MS = BUSINESS_UTC_OFFSET_HOURS * 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of a UTC instant, YYYY-MM-DD (internal: UTC midnight stands for a date). */
const utcCalendarDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const at = new Date(0);
  at.setUTCFullYear(+match[1], +match[2] - 1, +match[3]);
  return utcCalendarDate(at.getTime()) === value;
}

/** The Shenzhen date of an instant, YYYY-MM-DD. */
export const businessDate = (at: Date) => utcCalendarDate(at.getTime() + OFFSET_MS);

/** Today's date in Shenzhen, YYYY-MM-DD. */
export const today = (now = new Date()) => businessDate(now);

/** An ISO date moved by whole days. */
export const addDays = (iso: string, days: number) =>
  utcCalendarDate(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS);

/** Shenzhen's date `days` from today (negative: in the past). */
export const daysFromToday = (days: number, now = new Date()) => addDays(today(now), days);

/** The instant a Shenzhen day starts (00:00 +08:00). */
export const startOfBusinessDay = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - OFFSET_MS);

/** The month (YYYY-MM) before the month of `iso` (a YYYY-MM-DD date or a YYYY-MM month). */
export const previousMonth = (iso: string) => addDays(`${iso.slice(0, 7)}-01`, -1).slice(0, 7);

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The date a driver's Date object stands for (DATE columns arrive as UTC midnight). */
export const calendarDateOf = (date: Date) => utcCalendarDate(date.getTime());
