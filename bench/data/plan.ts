// The sizes of the three benchmark data sets and the calendar they are spread over: five years of
// Shenzhen dates ending on the anchor (today unless DEMO_ANCHOR says otherwise). Days are counted
// as indexes: 0 is the first day of the window, `days - 1` the anchor; negative indexes lie before
// the window (volunteers appointed and stations filed before it).
import { addDays, startOfBusinessDay } from "../../runtime/dates";

export const BENCH_SCALES = ["large", "small", "tiny"] as const;
export type BenchScale = (typeof BENCH_SCALES)[number];

export interface BenchSizes {
  volunteers: number;
  stations: number;
  demands: number;
  activities: number;
  /** Participation rows (one volunteer's hours at one activity), exactly this many. */
  participations: number;
  platforms: number;
  stories: { published: number; inReview: number; draft: number; retracted: number };
}

export const BENCH_SIZES: Record<BenchScale, BenchSizes> = {
  large: {
    volunteers: 20_000,
    stations: 5_000,
    demands: 200_000,
    activities: 300_000,
    participations: 1_000_000,
    platforms: 500,
    stories: { published: 2_000, inReview: 120, draft: 80, retracted: 40 },
  },
  small: {
    volunteers: 2_000,
    stations: 500,
    demands: 20_000,
    activities: 30_000,
    participations: 100_000,
    platforms: 50,
    stories: { published: 200, inReview: 12, draft: 8, retracted: 4 },
  },
  tiny: {
    volunteers: 120,
    stations: 40,
    demands: 300,
    activities: 240,
    participations: 720,
    platforms: 8,
    stories: { published: 12, inReview: 2, draft: 2, retracted: 1 },
  },
};

/** Five years of days, the anchor included. */
export const WINDOW_DAYS = 5 * 365 + 1;
/** How far before the window the earliest appointments and filings go. */
const BEFORE_WINDOW = 1200;

export interface Calendar {
  anchor: string;
  days: number;
  from: string;
  to: string;
  /** The date of a day index (before the window too). */
  date(t: number): string;
  /**
   * An instant on that day: `hour` hours after the day starts in Shenzhen. On the anchor itself
   * the hours shrink into its first half hour, so that nothing is stamped later than now.
   */
  at(t: number, hour: number): Date;
  /** A database DATETIME value for an instant (UTC, as TypeORM writes it on both databases). */
  stamp(at: Date): string;
}

export function calendar(anchor: string, days = WINDOW_DAYS): Calendar {
  const from = addDays(anchor, -(days - 1));
  const dates = Array.from({ length: days + BEFORE_WINDOW }, (_, i) =>
    addDays(from, i - BEFORE_WINDOW),
  );
  const starts = dates.map((d) => startOfBusinessDay(d).getTime());
  const date = (t: number) => dates[t + BEFORE_WINDOW] ?? addDays(from, t);
  return {
    anchor,
    days,
    from,
    to: anchor,
    date,
    at: (t, hour) =>
      new Date(
        (starts[t + BEFORE_WINDOW] ?? startOfBusinessDay(date(t)).getTime()) +
          (t >= days - 1 ? hour / 48 : hour) * 3.6e6,
      ),
    stamp: (at) => at.toISOString().replace("T", " ").replace("Z", ""),
  };
}

/**
 * How many of `total` rows fall on each day, growing linearly to `growth` times the first day's
 * rate by the last: the counts add up to `total` exactly.
 */
export function perDay(total: number, days: number, growth = 2): (t: number) => number {
  const g = growth - 1;
  const share = (t: number) => (t + (g * t * t) / (2 * days)) / (days + (g * days) / 2);
  const upTo = (t: number) => Math.round(total * share(t));
  return (t) => upTo(t + 1) - upTo(t);
}
