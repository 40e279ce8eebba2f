// China's working days (工作日): Monday to Friday, except the public holidays the State Council
// publishes each year, plus the weekend days it makes working days (调休上班). The calendar is the
// data file calendar/cn-working-days.json, one entry per year; deadlines counted in working days
// (a demand answered within 3 of collection, the month's reports closed on the 3rd after it ends)
// all come from here. Dates are Shenzhen business dates, YYYY-MM-DD (runtime/dates.ts).
import calendar from "./calendar/cn-working-days.json";
import { addDays, isIsoDate } from "./dates";

interface CalendarYear {
  /** "official": the State Council's notice; "statutory": only the fixed statutory days. */
  status: string;
  source: string;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const YEARS: Readonly<Record<string, CalendarYear>> = calendar.years;

/** What the calendar knows of a year: its status, or null when the year is not in the file. */
export function calendarYear(year: number): Pick<CalendarYear, "status" | "source"> | null {
  const entry = YEARS[String(year)];
  return entry ? { status: entry.status, source: entry.source } : null;
}

/** The holiday's name when the date is a public holiday (rest day), else null. */
export function holidayName(date: string): string | null {
  return YEARS[date.slice(0, 4)]?.holidays[date] ?? null;
}

/** True on a working day: a weekday that is no holiday, or a make-up working day. */
export function isWorkingDay(date: string): boolean {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const year = YEARS[date.slice(0, 4)];
  if (year?.workdays[date]) return true;
  if (year?.holidays[date]) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `count` working days after `date` (count ≥ 1): the first working day after it is
 * day 1. A deadline "within 3 working days of collection" is addWorkingDays(collectedOn, 3).
 */
export function addWorkingDays(date: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  let day = date;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}

/** The n-th working day (n ≥ 1) of the month after `month` (YYYY-MM). */
export function nthWorkingDayAfterMonth(month: string, n: number): string {
  const [year, mon] = month.split("-").map(Number);
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, "0")}-01`;
  return addWorkingDays(addDays(next, -1), n);
}
