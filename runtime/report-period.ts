// The periods the hub reports on: years 2000 to 2100, the same for the stations' assessment, closed
// months and years, and their workbooks. Anything else is BAD_USER_INPUT naming the range.
import { isIsoDate } from "./dates";
import { badInput } from "./errors";

export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;

export const isReportYear = (year: number) =>
  Number.isInteger(year) && year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;

/** A year from 2000 to 2100, or BAD_USER_INPUT. */
export function checkReportYear(year: number, field = "year") {
  if (!isReportYear(year))
    throw badInput(`year ${year} is not a year from ${FIRST_REPORT_YEAR} to ${LAST_REPORT_YEAR}`, {
      field,
    });
}

/** A month YYYY-MM from 2000-01 to 2100-12, or BAD_USER_INPUT. */
export function checkReportMonth(month: string, field = "month") {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw badInput(`month "${month}" is not YYYY-MM, e.g. 2026-10`, { field });
  if (!isReportYear(Number(month.slice(0, 4))))
    throw badInput(
      `month ${month} is out of range: reporting months run from ${FIRST_REPORT_YEAR}-01 to ${LAST_REPORT_YEAR}-12`,
      { field },
    );
}

/** A well-formed date YYYY-MM-DD is in range when its year is a reporting year. */
export const isReportDate = (date: string) =>
  isIsoDate(date) && isReportYear(Number(date.slice(0, 4)));

/** A revision asked for counts from 1; null or undefined means the latest. */
export function checkRevision(revision: number | null | undefined) {
  if (revision === null || revision === undefined) return;
  if (!Number.isInteger(revision) || revision < 1)
    throw badInput(`revision ${revision} is not a revision number: revisions count from 1`, {
      field: "revision",
    });
}
