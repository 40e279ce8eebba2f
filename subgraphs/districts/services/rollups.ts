// The dashboard's rollups, kept in the transaction of every write they summarise: a write reads
// the figures of the rows it touches before and after (locking reads on MySQL, so that nothing
// committed meanwhile is missed), and adds the difference to the district × month rows with
// atomic increments (INSERT ... ON DUPLICATE KEY / ON CONFLICT), in key order. Each station keeps
// the latest date a demand was collected there (docs/domain.md rule 6). `rebuildRollups` builds
// everything from the raw rows (the migration, seeds and the benchmark's data set).
import type { Audit } from "../../shared/audit";
import { noteChanged } from "../../shared/cache-entities";
import { num } from "../../shared/db";
import {
  difference,
  increment,
  lockingRead,
  placeholders,
  type Db,
} from "../../shared/kept-counts";
import { DemandStatus } from "../vocabulary";
import { calendarDateOf } from "../../../runtime/dates";

/** One activity's share of its rollup row. */
export interface ActivityCell {
  districtCode: string;
  month: string;
  day: string;
  category: string;
  activities: number;
  enterprisesServed: number;
  hourCents: number;
}

/** One demand's share of its rollup row, and its station and date (for the last demand date). */
export interface DemandCell {
  districtCode: string;
  month: string;
  day: string;
  category: string;
  focusGroup: string;
  specialised: boolean;
  n: number;
  resolved: number;
  open: number;
  ratedSum: number;
  rated: number;
  enterpriseRated: number;
  /** null: an online demand its district has not routed to a station yet. */
  stationId: number | null;
  collectedOn: string;
}

const ACTIVITY_KEYS = ["districtCode", "month", "category"] as const;
const ACTIVITY_DAY_KEYS = ["districtCode", "day", "category"] as const;
/** The district code of the city's rows (every district together) in every rollup table. */
export const CITY = "*";
const ACTIVITY_SUMS = ["activities", "enterprisesServed", "hourCents"] as const;
const DEMAND_KEYS = ["districtCode", "month", "category", "focusGroup", "specialised"] as const;
const DEMAND_DAY_KEYS = ["districtCode", "day", "category", "focusGroup", "specialised"] as const;
const DEMAND_SUMS = ["n", "resolved", "open", "ratedSum", "rated", "enterpriseRated"] as const;
/** Demands OPEN now per district (no city row: only districts' counts are read). */
const OPEN_KEYS = ["districtCode"] as const;
const OPEN_SUMS = ["open"] as const;

// A DATE column read back as a Date is a calendar date at UTC midnight (runtime/dates.ts).
const day = (value: unknown) =>
  value instanceof Date ? calendarDateOf(value) : String(value).slice(0, 10);

/**
 * The rollup shares of these activities as stored now (within the transaction). Their rows and
 * their crews' hours are each a locking read on MySQL (a subquery inside a locking read would read
 * the transaction's snapshot, missing a crew another publish committed meanwhile).
 */
export async function activityCells(tx: Db, ids: readonly number[]): Promise<ActivityCell[]> {
  if (!ids.length) return [];
  const rows: Array<Record<string, unknown>> = await tx.query(
    `SELECT a.id, a.districtCode, a.heldOn, a.category, a.enterprisesServed
     FROM activity a WHERE a.id IN (${placeholders(ids.length)})${lockingRead(tx)}`,
    [...ids],
  );
  const hours: Array<{ activityId: unknown; cents: unknown }> = await tx.query(
    `SELECT p.activityId, p.hours * 100 AS cents FROM participation p
     WHERE p.activityId IN (${placeholders(ids.length)}) AND p.verified = 1${lockingRead(tx)}`,
    [...ids],
  );
  const cents = new Map<number, number>();
  for (const h of hours)
    cents.set(num(h.activityId), (cents.get(num(h.activityId)) ?? 0) + Math.round(num(h.cents)));
  return rows.map((r) => ({
    districtCode: String(r.districtCode),
    month: day(r.heldOn).slice(0, 7),
    day: day(r.heldOn),
    category: String(r.category),
    activities: 1,
    enterprisesServed: num(r.enterprisesServed),
    hourCents: cents.get(num(r.id)) ?? 0,
  }));
}

/** The rollup shares of these demands as stored now (within the transaction). */
export async function demandCells(tx: Db, ids: readonly number[]): Promise<DemandCell[]> {
  if (!ids.length) return [];
  const rows: Array<Record<string, unknown>> = await tx.query(
    `SELECT d.districtCode, d.collectedOn, d.category, d.focusGroup, d.specialised, d.status,
       d.satisfaction, d.ratedByEnterprise, d.stationId
     FROM demand d WHERE d.id IN (${placeholders(ids.length)})${lockingRead(tx)}`,
    [...ids],
  );
  return rows.map((r) => {
    const resolved = r.status === DemandStatus.RESOLVED;
    const rated = resolved && r.satisfaction !== null && r.satisfaction !== undefined;
    return {
      districtCode: String(r.districtCode),
      month: day(r.collectedOn).slice(0, 7),
      day: day(r.collectedOn),
      category: String(r.category),
      focusGroup: typeof r.focusGroup === "string" ? r.focusGroup : "",
      specialised: Boolean(num(r.specialised)),
      n: 1,
      resolved: resolved ? 1 : 0,
      open: r.status === DemandStatus.OPEN ? 1 : 0,
      ratedSum: rated ? num(r.satisfaction) : 0,
      rated: rated ? 1 : 0,
      enterpriseRated: rated && num(r.ratedByEnterprise) ? 1 : 0,
      stationId: r.stationId === null || r.stationId === undefined ? null : num(r.stationId),
      collectedOn: day(r.collectedOn),
    };
  });
}

/** Every cell counted for its district and again for the city (CITY rows: a city read is small). */
const withCity = <C extends { districtCode: string }>(cells: C[]) => [
  ...cells,
  ...cells.map((c) => ({ ...c, districtCode: CITY })),
];

/** Applies what a write changed in these activities to the activity rollups. */
export async function applyActivityCells(tx: Db, before: ActivityCell[], after: ActivityCell[]) {
  const rows = difference<ActivityCell>(
    ACTIVITY_KEYS,
    ACTIVITY_SUMS,
    withCity(before),
    withCity(after),
  );
  await increment(tx, "activity_month", ACTIVITY_KEYS, ACTIVITY_SUMS, rows);
  const days = difference<ActivityCell>(
    ACTIVITY_DAY_KEYS,
    ACTIVITY_SUMS,
    withCity(before),
    withCity(after),
  );
  await increment(tx, "activity_day", ACTIVITY_DAY_KEYS, ACTIVITY_SUMS, days);
}

/**
 * Applies what a write changed in these demands to the demand rollups (month, day, open per
 * district; always in this table order, keys sorted, so concurrent writes lock alike) and the
 * stations' dates.
 */
export async function applyDemandCells(tx: Db, before: DemandCell[], after: DemandCell[]) {
  for (const [table, keys] of [
    ["demand_month", DEMAND_KEYS],
    ["demand_day", DEMAND_DAY_KEYS],
  ] as const) {
    const rows = difference<DemandCell>(keys, DEMAND_SUMS, withCity(before), withCity(after));
    await increment(tx, table, keys, DEMAND_SUMS, rows);
  }
  const open = difference<DemandCell>(OPEN_KEYS, OPEN_SUMS, before, after);
  await increment(tx, "demand_open", OPEN_KEYS, OPEN_SUMS, open);
  await followStations(
    tx,
    before.filter((c) => c.stationId !== null),
    after.filter((c) => c.stationId !== null),
  );
}

/**
 * Each station's last demand date: raised by a demand on a later date; read again from the demands
 * when a demand left a date or the station (a route, a corrected date).
 */
async function followStations(tx: Db, before: DemandCell[], after: DemandCell[]) {
  const kept = new Set(after.map((c) => `${c.stationId}|${c.collectedOn}`));
  const latest = new Map<number, string>();
  for (const c of after)
    if (!before.some((b) => b.stationId === c.stationId && b.collectedOn === c.collectedOn))
      latest.set(
        c.stationId!,
        c.collectedOn > (latest.get(c.stationId!) ?? "")
          ? c.collectedOn
          : latest.get(c.stationId!)!,
      );
  const lost = [
    ...new Set(
      before.filter((b) => !kept.has(`${b.stationId}|${b.collectedOn}`)).map((b) => b.stationId!),
    ),
  ];
  for (const [stationId, on] of [...latest].sort(([a], [b]) => a - b))
    await tx.query(
      "UPDATE station SET lastDemandOn = ? WHERE id = ? AND (lastDemandOn IS NULL OR lastDemandOn < ?)",
      [on, stationId, on],
    );
  // A demand moved off a date or station (rare): that station's date is read again.
  if (lost.length)
    await tx.query(
      `UPDATE station SET lastDemandOn = (SELECT MAX(d.collectedOn) FROM demand d WHERE d.stationId = station.id)
       WHERE id IN (${placeholders(lost.length)})`,
      lost.sort((a, b) => a - b),
    );
}

/** Runs a write of these activities (ids known before; `created` returns the new ones' ids). */
export async function trackingActivities<T>(
  tx: Db,
  ids: readonly number[],
  write: () => Promise<{ result: T; created: readonly number[] }>,
): Promise<T> {
  const before = await activityCells(tx, ids);
  const { result, created } = await write();
  await applyActivityCells(tx, before, await activityCells(tx, [...ids, ...created]));
  return result;
}

/**
 * Runs a write of these demands (ids known before; `created` returns the new ones' ids). The
 * stations they leave or reach are noted as changed in `audit` (their openDemandCount and
 * lastDemandAt follow the demands: shared/cache-entities.ts).
 */
export async function trackingDemands<T>(
  tx: Db,
  ids: readonly number[],
  write: () => Promise<{ result: T; created: readonly number[] }>,
  audit?: Audit,
): Promise<T> {
  const before = await demandCells(tx, ids);
  const { result, created } = await write();
  const after = await demandCells(tx, [...ids, ...created]);
  await applyDemandCells(tx, before, after);
  if (audit)
    noteChanged(
      audit,
      "Station",
      [...before, ...after].map((c) => c.stationId),
    );
  return result;
}

/** Activities, enterprises and verified hour cents of the raw rows, grouped by `key` (SQL). */
const activitySums = (key: string, district: string, groupBy: string) =>
  `SELECT ${district} AS districtCode, ${key} AS k, a.category, COUNT(*) AS n,
     SUM(a.enterprisesServed) AS e, SUM(COALESCE(h.cents, 0)) AS c
   FROM activity a LEFT JOIN (SELECT p.activityId, SUM(ROUND(p.hours * 100)) AS cents
     FROM participation p WHERE p.verified = 1 GROUP BY p.activityId) h ON h.activityId = a.id
   GROUP BY ${groupBy}${key}, a.category`;

/** The demand cube of the raw rows per `district` and `key` (SQL, five status parameters). */
const demandSums = (key: string, district: string, groupBy: string) =>
  `SELECT ${district} AS districtCode, ${key} AS k, d.category, COALESCE(d.focusGroup, '') AS focusGroup,
     d.specialised, COUNT(*) AS n,
     SUM(CASE WHEN d.status = ? THEN 1 ELSE 0 END) AS resolved,
     SUM(CASE WHEN d.status = ? THEN 1 ELSE 0 END) AS open,
     SUM(CASE WHEN d.status = ? AND d.satisfaction IS NOT NULL THEN d.satisfaction ELSE 0 END) AS ratedSum,
     SUM(CASE WHEN d.status = ? AND d.satisfaction IS NOT NULL THEN 1 ELSE 0 END) AS rated,
     SUM(CASE WHEN d.status = ? AND d.satisfaction IS NOT NULL AND d.ratedByEnterprise = 1 THEN 1 ELSE 0 END) AS enterpriseRated
   FROM demand d
   GROUP BY ${groupBy}${key}, d.category, COALESCE(d.focusGroup, ''), d.specialised`;

const ACTIVITY_COLUMNS =
  "`districtCode`, `category`, `activities`, `enterprisesServed`, `hourCents`";
const DEMAND_COLUMNS =
  "`districtCode`, `category`, `focusGroup`, `specialised`, `n`, `resolved`, `open`, `ratedSum`, `rated`, `enterpriseRated`";

/** Refills one rollup table from the raw rows: every district's rows, then the city's. */
async function refill(
  db: Db,
  table: string,
  insert: (table: string) => string,
  sums: (district: string, groupBy: string) => string,
  alias: "a" | "d",
  params: unknown[] = [],
) {
  await db.query(`DELETE FROM \`${table}\``);
  for (const [district, groupBy] of [
    [`${alias}.districtCode`, `${alias}.districtCode, `],
    [`'${CITY}'`, ""],
  ])
    await db.query(`${insert(table)} FROM (${sums(district, groupBy)}) s`, params);
}

const DEMAND_STATUSES = [
  DemandStatus.RESOLVED,
  DemandStatus.OPEN,
  DemandStatus.RESOLVED,
  DemandStatus.RESOLVED,
  DemandStatus.RESOLVED,
];

const refillActivities = (column: string, key: string) => (db: Db, table: string) =>
  refill(
    db,
    table,
    (t) =>
      `INSERT INTO \`${t}\` (\`${column}\`, ${ACTIVITY_COLUMNS})
       SELECT s.k, s.districtCode, s.category, s.n, s.e, s.c`,
    (district, groupBy) => activitySums(key, district, groupBy),
    "a",
  );

const refillDemands = (column: string, key: string) => (db: Db, table: string) =>
  refill(
    db,
    table,
    (t) =>
      `INSERT INTO \`${t}\` (\`${column}\`, ${DEMAND_COLUMNS})
       SELECT s.k, s.districtCode, s.category, s.focusGroup, s.specialised, s.n, s.resolved,
         s.open, s.ratedSum, s.rated, s.enterpriseRated`,
    (district, groupBy) => demandSums(key, district, groupBy),
    "d",
    DEMAND_STATUSES,
  );

/** How each rollup table (and the stations' last demand dates) is built from the raw rows. */
const REBUILDS = {
  activity_month: refillActivities("month", "SUBSTR(a.heldOn, 1, 7)"),
  activity_day: refillActivities("day", "SUBSTR(a.heldOn, 1, 10)"),
  demand_month: refillDemands("month", "SUBSTR(d.collectedOn, 1, 7)"),
  demand_day: refillDemands("day", "SUBSTR(d.collectedOn, 1, 10)"),
  demand_open: async (db: Db) => {
    await db.query("DELETE FROM `demand_open`");
    await db.query(
      "INSERT INTO `demand_open` (`districtCode`, `open`) SELECT d.districtCode, COUNT(*) FROM demand d WHERE d.status = ? GROUP BY d.districtCode",
      [DemandStatus.OPEN],
    );
  },
  station: (db: Db) =>
    db.query(
      "UPDATE station SET lastDemandOn = (SELECT MAX(d.collectedOn) FROM demand d WHERE d.stationId = station.id)",
    ),
} as const;
export type Rebuilt = keyof typeof REBUILDS;

/**
 * Builds the rollups and the stations' last demand dates from the raw rows (empty or stale
 * rollups); `only` those a migration has created so far.
 */
export async function rebuildRollups(
  db: Db,
  only: readonly Rebuilt[] = Object.keys(REBUILDS) as Rebuilt[],
) {
  for (const table of only) await REBUILDS[table](db, table);
}
