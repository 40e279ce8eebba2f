// The dashboard's per-district figures, each family one GROUP BY over every requested district
// (docs/domain.md rule 6 for idle stations). Batch functions: codes in, a value per code out.
import type { DataSource } from "typeorm";
import { addDays, startOfBusinessDay } from "../../../runtime/dates";
import { num } from "../../shared/db";
import { DemandStatus, IDLE_AFTER_DAYS, StationStatus } from "../vocabulary";
import { OPEN_STATUSES } from "./deadlines";
import { inSpans, splitRange, type Span } from "./figure-ranges";
import { inList, inSpanList, sumRollup } from "./rollup-reads";

export interface ActivityFigures {
  activities: number;
  enterprisesServed: number;
}

type Row = { code: string } & Record<string, unknown>;

/**
 * What a figure is grouped by: the dashboard's districts, or the stations of a closed reporting
 * month (services/reporting-month.service.ts), by the same SQL.
 */
export type Grain = "district" | "station";
/** The key column of each table's alias per grain. */
const KEY: Record<Grain, { a: string; d: string; s: string }> = {
  district: { a: "a.districtCode", d: "d.districtCode", s: "s.districtCode" },
  station: { a: "a.stationId", d: "d.stationId", s: "s.id" },
};
/** District codes, or station ids. */
export type Keys = readonly (string | number)[];

const perCode = <T>(codes: Keys, rows: Row[], pick: (row: Row | undefined) => T) => {
  const map = new Map(rows.map((row) => [String(row.code), row]));
  return codes.map((code) => pick(map.get(String(code))));
};

/**
 * FILED stations with no demand collected in the 90 days up to `asOf`, not counting stations filed
 * within those 90 days (they have not had the time to collect one). Each station's last demand
 * date (kept by services/rollups.ts) decides, except for a station whose last demand is after
 * `asOf` (a past `asOf`): its demands are read.
 */
export async function idleStationCounts(
  db: DataSource,
  codes: Keys,
  asOf: string,
  grain: Grain = "district",
) {
  const cutoff = addDays(asOf, -IDLE_AFTER_DAYS);
  const key = KEY[grain].s;
  const rows: Row[] = await db
    .createQueryBuilder()
    .select(key, "code")
    .addSelect("COUNT(*)", "n")
    .from("station", "s")
    .where(`${key} IN (:...codes) AND s.status = :filed`, {
      codes,
      filed: StationStatus.FILED,
    })
    .andWhere("(s.filedAt IS NULL OR s.filedAt < :cutoffAt)", {
      cutoffAt: startOfBusinessDay(cutoff),
    })
    .andWhere(
      `(s.lastDemandOn IS NULL OR s.lastDemandOn < :cutoff OR (s.lastDemandOn > :asOf AND NOT EXISTS
        (SELECT 1 FROM demand d WHERE d.stationId = s.id AND d.collectedOn >= :cutoff AND d.collectedOn <= :asOf)))`,
      { cutoff, asOf },
    )
    .groupBy(key)
    .getRawMany();
  return perCode(codes, rows, (r) => num(r?.n));
}

/** Demands OPEN now, from the count kept per district (services/rollups.ts). */
export async function openDemandCounts(db: DataSource, codes: readonly string[]) {
  const rows = await sumRollup(db, "demand_open", BY_CODE, { n: "SUM(r.`open`)" }, [
    inList("r.`districtCode`", codes),
  ]);
  return perCode(codes, rows as Row[], (r) => num(r?.n));
}

/** Demands OPEN now, counted from the demands (what the kept count must equal). */
export async function rawOpenDemandCounts(db: DataSource, codes: readonly string[]) {
  const rows: Row[] = await db
    .createQueryBuilder()
    .select("d.districtCode", "code")
    .addSelect("COUNT(*)", "n")
    .from("demand", "d")
    .where("d.districtCode IN (:...codes) AND d.status = :open", {
      codes,
      open: DemandStatus.OPEN,
    })
    .groupBy("d.districtCode")
    .getRawMany();
  return perCode(codes, rows, (r) => num(r?.n));
}

export interface DeadlineFigures {
  overdueNow: number;
  onTimeRate: number | null;
}

/**
 * 督办 per district, in one GROUP BY: open demands past their step's deadline on `day`, and the
 * on-time rate: steps finished by their deadline over steps finished plus steps overdue now
 * (null when there are none). Steps are those with a deadline (services/deadlines.ts).
 */
export async function deadlineFigures(
  db: DataSource,
  codes: readonly string[],
  day: string,
): Promise<DeadlineFigures[]> {
  const rows: Row[] = await db
    .createQueryBuilder()
    .select("d.districtCode", "code")
    .addSelect(
      "SUM(CASE WHEN d.status IN (:...open) AND d.dueOn < :day THEN 1 ELSE 0 END)",
      "overdue",
    )
    .addSelect("SUM(d.stepsDone)", "done")
    .addSelect("SUM(d.stepsLate)", "late")
    .from("demand", "d")
    .where("d.districtCode IN (:...codes)", { codes, open: OPEN_STATUSES, day })
    .groupBy("d.districtCode")
    .getRawMany();
  return perCode(codes, rows, (r) => {
    const overdueNow = num(r?.overdue);
    const done = num(r?.done);
    const counted = done + overdueNow;
    const onTime = done - num(r?.late);
    return {
      overdueNow,
      onTimeRate: counted ? Math.round((onTime / counted) * 10_000) / 10_000 : null,
    };
  });
}

/**
 * Sums the whole months' rollup figures and the edge days' ones, per code. The rollups are by
 * district (services/rollups.ts): the station grain (a closed month's stations) reads the raw
 * rows of the whole range.
 */
async function exactly<T>(
  range: { from: string; to: string; grain: Grain },
  rolled: (months: { from: string; to: string }) => Promise<T[]>,
  raw: (spans: Span[]) => Promise<T[]>,
  add: (a: T, b: T) => T,
  zero: () => T[],
): Promise<T[]> {
  const { from, to, grain } = range;
  if (grain !== "district") return from <= to ? raw([{ from, to }]) : zero();
  const { months, edges } = splitRange(from, to);
  const [a, b] = await Promise.all([
    months ? rolled(months) : zero(),
    edges.length ? raw(edges) : zero(),
  ]);
  return a.map((x, i) => add(x, b[i]));
}

const BY_CODE = { code: "r.`districtCode`" };

/** Sums of a day rollup's rows of these districts in these spans (the edges of a range). */
const daysOfRollup = async (
  db: DataSource,
  table: string,
  codes: Keys,
  spans: Span[],
  sums: Record<string, string>,
) =>
  (await sumRollup(db, table, BY_CODE, sums, [
    inList("r.`districtCode`", codes),
    inSpanList("r.`day`", spans),
  ])) as Row[];

/** Sums of a month rollup's rows of these districts in these whole months. */
const monthsOfRollup = async (
  db: DataSource,
  table: string,
  codes: Keys,
  months: { from: string; to: string },
  sums: Record<string, string>,
) =>
  (await sumRollup(db, table, BY_CODE, sums, [
    inList("r.`districtCode`", codes),
    { sql: "r.`month` BETWEEN ? AND ?", params: [months.from, months.to] },
  ])) as Row[];

const DEMANDS = { n: "SUM(r.`n`)" };
const ACTIVITIES = { n: "SUM(r.`activities`)", enterprises: "SUM(r.`enterprisesServed`)" };
const HOURS = { cents: "SUM(r.`hourCents`)" };

/** Demands collected in the range. */
export async function demandCounts(
  db: DataSource,
  codes: Keys,
  from: string,
  to: string,
  grain: Grain = "district",
) {
  return exactly(
    { from, to, grain },
    async (months) => {
      const rows = await monthsOfRollup(db, "demand_month", codes, months, DEMANDS);
      return perCode(codes, rows, (r) => num(r?.n));
    },
    async (spans) =>
      grain === "district"
        ? perCode(codes, await daysOfRollup(db, "demand_day", codes, spans, DEMANDS), (r) =>
            num(r?.n),
          )
        : rawDemandCounts(db, codes, spans, grain),
    (a, b) => a + b,
    () => codes.map(() => 0),
  );
}

/** Demands collected in these spans, from the raw rows. */
export async function rawDemandCounts(
  db: DataSource,
  codes: Keys,
  spans: Span[],
  grain: Grain = "district",
) {
  const key = KEY[grain].d;
  const within = inSpans("d.collectedOn", spans);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select(key, "code")
    .addSelect("COUNT(*)", "n")
    .from("demand", "d")
    .where(`${key} IN (:...codes)`, { codes })
    .andWhere(within.sql, within.params)
    .groupBy(key)
    .getRawMany();
  return perCode(codes, rows, (r) => num(r?.n));
}

const addActivities = (a: ActivityFigures, b: ActivityFigures) => ({
  activities: a.activities + b.activities,
  enterprisesServed: a.enterprisesServed + b.enterprisesServed,
});

/** Activities held in the range and the enterprises they served. */
export async function activityFigures(
  db: DataSource,
  codes: Keys,
  from: string,
  to: string,
  grain: Grain = "district",
): Promise<ActivityFigures[]> {
  const figures = (rows: Row[]) =>
    perCode(codes, rows, (r) => ({
      activities: num(r?.n),
      enterprisesServed: num(r?.enterprises),
    }));
  return exactly(
    { from, to, grain },
    async (months) =>
      figures(await monthsOfRollup(db, "activity_month", codes, months, ACTIVITIES)),
    async (spans) =>
      grain === "district"
        ? figures(await daysOfRollup(db, "activity_day", codes, spans, ACTIVITIES))
        : rawActivityFigures(db, codes, spans, grain),
    addActivities,
    () => codes.map(() => ({ activities: 0, enterprisesServed: 0 })),
  );
}

/** Activities held in these spans and the enterprises they served, from the raw rows. */
export async function rawActivityFigures(
  db: DataSource,
  codes: Keys,
  spans: Span[],
  grain: Grain = "district",
): Promise<ActivityFigures[]> {
  const key = KEY[grain].a;
  const within = inSpans("a.heldOn", spans);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select(key, "code")
    .addSelect("COUNT(*)", "n")
    .addSelect("SUM(a.enterprisesServed)", "enterprises")
    .from("activity", "a")
    .where(`${key} IN (:...codes)`, { codes })
    .andWhere(within.sql, within.params)
    .groupBy(key)
    .getRawMany();
  return perCode(codes, rows, (r) => ({
    activities: num(r?.n),
    enterprisesServed: num(r?.enterprises),
  }));
}

/** Verified service hours of the activities held in the range (docs/domain.md rule 3). */
export async function serviceHours(
  db: DataSource,
  codes: Keys,
  from: string,
  to: string,
  grain: Grain = "district",
) {
  const cents = (rows: Row[]) => perCode(codes, rows, (r) => num(r?.cents));
  const inCents = await exactly(
    { from, to, grain },
    async (months) => cents(await monthsOfRollup(db, "activity_month", codes, months, HOURS)),
    async (spans) =>
      grain === "district"
        ? cents(await daysOfRollup(db, "activity_day", codes, spans, HOURS))
        : (await rawServiceHours(db, codes, spans, grain)).map((h) => Math.round(h * 100)),
    (a, b) => a + b,
    () => codes.map(() => 0),
  );
  return inCents.map((c) => c / 100);
}

/** Verified service hours of the activities held in these spans, from the raw rows. */
export async function rawServiceHours(
  db: DataSource,
  codes: Keys,
  spans: Span[],
  grain: Grain = "district",
) {
  const key = KEY[grain].a;
  const within = inSpans("a.heldOn", spans);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select(key, "code")
    .addSelect("SUM(p.hours)", "hours")
    .from("activity", "a")
    .innerJoin("participation", "p", "p.activityId = a.id AND p.verified = :verified", {
      verified: true,
    })
    .where(`${key} IN (:...codes)`, { codes })
    .andWhere(within.sql, within.params)
    .groupBy(key)
    .getRawMany();
  return perCode(codes, rows, (r) => roundHours(num(r?.hours)));
}

/** Hours are kept to two decimals; sums of DECIMAL(6,2) are exact in MySQL, not in SQLite. */
export const roundHours = (hours: number) => Math.round(hours * 100) / 100;
