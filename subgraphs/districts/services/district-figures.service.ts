// The dashboard's per-district figures, each family one GROUP BY over every requested district
// (docs/domain.md rule 6 for idle stations). Batch functions: codes in, a value per code out.
import type { DataSource } from "typeorm";
import { addDays, startOfBusinessDay } from "../../../runtime/dates";
import { num } from "../../shared/db";
import { DemandStatus, IDLE_AFTER_DAYS, StationStatus } from "../vocabulary";
import { inSpans, splitRange, type Span } from "./figure-ranges";

export interface ActivityFigures {
  activities: number;
  enterprisesServed: number;
}

type Row = { code: string } & Record<string, unknown>;

const perCode = <T>(codes: readonly string[], rows: Row[], pick: (row: Row | undefined) => T) => {
  const map = new Map(rows.map((row) => [String(row.code), row]));
  return codes.map((code) => pick(map.get(code)));
};

/**
 * FILED stations with no demand collected in the 90 days up to `asOf`, not counting stations filed
 * within those 90 days (they have not had the time to collect one). Each station's last demand
 * date (kept by services/rollups.ts) decides, except for a station whose last demand is after
 * `asOf` (a past `asOf`): its demands are read.
 */
export async function idleStationCounts(db: DataSource, codes: readonly string[], asOf: string) {
  const cutoff = addDays(asOf, -IDLE_AFTER_DAYS);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select("s.districtCode", "code")
    .addSelect("COUNT(*)", "n")
    .from("station", "s")
    .where("s.districtCode IN (:...codes) AND s.status = :filed", {
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
    .groupBy("s.districtCode")
    .getRawMany();
  return perCode(codes, rows, (r) => num(r?.n));
}

/** Demands OPEN now. */
export async function openDemandCounts(db: DataSource, codes: readonly string[]) {
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

/** Sums the whole months' rollup figures and the edge days' ones, per code. */
async function exactly<T>(
  from: string,
  to: string,
  rolled: (months: { from: string; to: string }) => Promise<T[]>,
  raw: (edges: Span[]) => Promise<T[]>,
  add: (a: T, b: T) => T,
  zero: () => T[],
): Promise<T[]> {
  const { months, edges } = splitRange(from, to);
  const [a, b] = await Promise.all([
    months ? rolled(months) : zero(),
    edges.length ? raw(edges) : zero(),
  ]);
  return a.map((x, i) => add(x, b[i]));
}

/** The day rollup's rows of these districts in these spans (the edges of a range). */
const daysOfRollup = (db: DataSource, codes: readonly string[], spans: Span[]) => {
  const within = inSpans("r.day", spans);
  return db
    .createQueryBuilder()
    .select("r.districtCode", "code")
    .from("activity_day", "r")
    .where("r.districtCode IN (:...codes)", { codes })
    .andWhere(within.sql, within.params)
    .groupBy("r.districtCode");
};

const monthsOfRollup = (
  db: DataSource,
  table: string,
  codes: readonly string[],
  months: { from: string; to: string },
) =>
  db
    .createQueryBuilder()
    .select("r.districtCode", "code")
    .from(table, "r")
    .where("r.districtCode IN (:...codes) AND r.month BETWEEN :mFrom AND :mTo", {
      codes,
      mFrom: months.from,
      mTo: months.to,
    })
    .groupBy("r.districtCode");

/** Demands collected in the range. */
export async function demandCounts(
  db: DataSource,
  codes: readonly string[],
  from: string,
  to: string,
) {
  return exactly(
    from,
    to,
    async (months) => {
      const rows: Row[] = await monthsOfRollup(db, "demand_month", codes, months)
        .addSelect("SUM(r.n)", "n")
        .getRawMany();
      return perCode(codes, rows, (r) => num(r?.n));
    },
    (edges) => rawDemandCounts(db, codes, edges),
    (a, b) => a + b,
    () => codes.map(() => 0),
  );
}

/** Demands collected in these spans, from the raw rows. */
export async function rawDemandCounts(db: DataSource, codes: readonly string[], spans: Span[]) {
  const within = inSpans("d.collectedOn", spans);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select("d.districtCode", "code")
    .addSelect("COUNT(*)", "n")
    .from("demand", "d")
    .where("d.districtCode IN (:...codes)", { codes })
    .andWhere(within.sql, within.params)
    .groupBy("d.districtCode")
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
  codes: readonly string[],
  from: string,
  to: string,
): Promise<ActivityFigures[]> {
  return exactly(
    from,
    to,
    async (months) => {
      const rows: Row[] = await monthsOfRollup(db, "activity_month", codes, months)
        .addSelect("SUM(r.activities)", "n")
        .addSelect("SUM(r.enterprisesServed)", "enterprises")
        .getRawMany();
      return perCode(codes, rows, (r) => ({
        activities: num(r?.n),
        enterprisesServed: num(r?.enterprises),
      }));
    },
    async (edges) => {
      const rows: Row[] = await daysOfRollup(db, codes, edges)
        .addSelect("SUM(r.activities)", "n")
        .addSelect("SUM(r.enterprisesServed)", "enterprises")
        .getRawMany();
      return perCode(codes, rows, (r) => ({
        activities: num(r?.n),
        enterprisesServed: num(r?.enterprises),
      }));
    },
    addActivities,
    () => codes.map(() => ({ activities: 0, enterprisesServed: 0 })),
  );
}

/** Activities held in these spans and the enterprises they served, from the raw rows. */
export async function rawActivityFigures(
  db: DataSource,
  codes: readonly string[],
  spans: Span[],
): Promise<ActivityFigures[]> {
  const within = inSpans("a.heldOn", spans);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select("a.districtCode", "code")
    .addSelect("COUNT(*)", "n")
    .addSelect("SUM(a.enterprisesServed)", "enterprises")
    .from("activity", "a")
    .where("a.districtCode IN (:...codes)", { codes })
    .andWhere(within.sql, within.params)
    .groupBy("a.districtCode")
    .getRawMany();
  return perCode(codes, rows, (r) => ({
    activities: num(r?.n),
    enterprisesServed: num(r?.enterprises),
  }));
}

/** Verified service hours of the activities held in the range (docs/domain.md rule 3). */
export async function serviceHours(
  db: DataSource,
  codes: readonly string[],
  from: string,
  to: string,
) {
  const inCents = await exactly(
    from,
    to,
    async (months) => {
      const rows: Row[] = await monthsOfRollup(db, "activity_month", codes, months)
        .addSelect("SUM(r.hourCents)", "cents")
        .getRawMany();
      return perCode(codes, rows, (r) => num(r?.cents));
    },
    async (edges) => {
      const rows: Row[] = await daysOfRollup(db, codes, edges)
        .addSelect("SUM(r.hourCents)", "cents")
        .getRawMany();
      return perCode(codes, rows, (r) => num(r?.cents));
    },
    (a, b) => a + b,
    () => codes.map(() => 0),
  );
  return inCents.map((c) => c / 100);
}

/** Verified service hours of the activities held in these spans, from the raw rows. */
export async function rawServiceHours(db: DataSource, codes: readonly string[], spans: Span[]) {
  const within = inSpans("a.heldOn", spans);
  const rows: Row[] = await db
    .createQueryBuilder()
    .select("a.districtCode", "code")
    .addSelect("SUM(p.hours)", "hours")
    .from("activity", "a")
    .innerJoin("participation", "p", "p.activityId = a.id AND p.verified = :verified", {
      verified: true,
    })
    .where("a.districtCode IN (:...codes)", { codes })
    .andWhere(within.sql, within.params)
    .groupBy("a.districtCode")
    .getRawMany();
  return perCode(codes, rows, (r) => roundHours(num(r?.hours)));
}

/** Hours are kept to two decimals; sums of DECIMAL(6,2) are exact in MySQL, not in SQLite. */
export const roundHours = (hours: number) => Math.round(hours * 100) / 100;
