// A sane window for dates the hub stores: nothing before the founding of the People's Republic
// (1949-10-01), past events (a training completed, a demand collected, an activity held, an
// honour awarded) not in the future, and dates that may lie ahead (an agreement's validity) at
// most ten years ahead. A date in the year 100 or 1000 is a typing slip, never a record.
import { ValidateBy, type ValidationOptions } from "class-validator";
import { today } from "../../../runtime/dates";
import { yearsLater } from "./date-range";

export const EARLIEST_DATE = "1949-10-01";

export interface DateWindow {
  /** Years after today the date may lie: 0 for a past event. */
  yearsAhead: number;
  /** What a past-event field says about a future date, after "is in the future; ". */
  futureHint?: string;
}

/** What is wrong with the field's ISO date in this window, or null. */
export function dateProblem(
  field: string,
  value: string,
  window: DateWindow,
  now = today(),
): string | null {
  if (value < EARLIEST_DATE) return `${field} ${value} is before ${EARLIEST_DATE}; check the year`;
  if (window.yearsAhead === 0 && value > now)
    return `${field} ${value} is in the future; ${window.futureHint ?? "record it once it has happened"}`;
  const latest = yearsLater(now, window.yearsAhead);
  if (window.yearsAhead > 0 && value > latest)
    return `${field} ${value} is more than ${window.yearsAhead} years ahead (after ${latest}); check the year`;
  return null;
}

function DateIn(window: DateWindow, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "dateWindow",
      validator: {
        validate: (value, args) =>
          typeof value !== "string" || dateProblem(args?.property ?? "", value, window) === null,
        defaultMessage: (args) =>
          dateProblem(args?.property ?? "", String(args?.value ?? ""), window) ??
          `${args?.property} is out of range`,
      },
    },
    options,
  );
}

/** A past event: from 1949-10-01 to today (Shenzhen). */
export const PastDate = (futureHint?: string, options?: ValidationOptions) =>
  DateIn({ yearsAhead: 0, futureHint }, options);

/** A date that may lie ahead, at most `years` years from today. */
export const DateWithin = (years: number, options?: ValidationOptions) =>
  DateIn({ yearsAhead: years }, options);
