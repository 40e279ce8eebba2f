// City-wide (or one district's) demand statistics for a date range: one GROUP BY over the small
// cube category × focus group × specialised flag, rolled up into every figure in pure code.
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import { FocusGroup, ServiceCategory } from "../../shared/vocabulary";
import type { DemandStats } from "../types/dashboard.types";
import { DemandStatus } from "../vocabulary";
import { inSpans, splitRange, type Span } from "./figure-ranges";
import { CITY } from "./rollups";
import { equals, inSpanList, sumRollup, sumsOf, type Cond } from "./rollup-reads";

/** One cell of the cube as the database returns it. */
export interface DemandCell {
  category: string;
  focusGroup: string | null;
  specialised: unknown;
  n: unknown;
  resolved: unknown;
  open: unknown;
  ratedSum: unknown;
  rated: unknown;
  enterpriseRated: unknown;
}

/** The outcome sums of demands, shared by the city's cube and a closed month's station figures. */
export const DEMAND_OUTCOMES = {
  resolved: "SUM(CASE WHEN d.status = :resolvedStatus THEN 1 ELSE 0 END)",
  ratedSum:
    "SUM(CASE WHEN d.status = :resolvedStatus AND d.satisfaction IS NOT NULL THEN d.satisfaction ELSE 0 END)",
  rated:
    "SUM(CASE WHEN d.status = :resolvedStatus AND d.satisfaction IS NOT NULL THEN 1 ELSE 0 END)",
} as const;

export interface DemandOutcomes {
  resolved: number;
  ratedSum: number;
  rated: number;
}

/**
 * Resolved demands and the satisfaction they were rated with, of the demands collected from `from`
 * to `to`, per station (or district): the cube's sums grouped by another key.
 */
export async function demandOutcomes(
  db: DataSource,
  keys: readonly (string | number)[],
  from: string,
  to: string,
  grain: "district" | "station",
): Promise<DemandOutcomes[]> {
  const key = grain === "station" ? "d.stationId" : "d.districtCode";
  const rows: Array<Record<string, unknown>> = await db
    .createQueryBuilder()
    .select(key, "k")
    .addSelect(DEMAND_OUTCOMES.resolved, "resolved")
    .addSelect(DEMAND_OUTCOMES.ratedSum, "ratedSum")
    .addSelect(DEMAND_OUTCOMES.rated, "rated")
    .from("demand", "d")
    .where(`${key} IN (:...keys) AND d.collectedOn BETWEEN :from AND :to`, {
      keys,
      from,
      to,
      resolvedStatus: DemandStatus.RESOLVED,
    })
    .groupBy(key)
    .getRawMany();
  const map = new Map(rows.map((r) => [String(r.k), r]));
  return keys.map((k) => {
    const r = map.get(String(k));
    return { resolved: num(r?.resolved), ratedSum: num(r?.ratedSum), rated: num(r?.rated) };
  });
}

/** The cube over the range: its whole months from the month rollup, the edge days from the day one. */
export async function demandCube(
  db: DataSource,
  from: string,
  to: string,
  districtCode: string | null,
): Promise<DemandCell[]> {
  const { months, edges } = splitRange(from, to);
  const [rolled, days] = await Promise.all([
    months
      ? rolledCube(db, "demand_month", districtCode, {
          sql: "r.`month` BETWEEN ? AND ?",
          params: [months.from, months.to],
        })
      : [],
    edges.length ? rolledCube(db, "demand_day", districtCode, inSpanList("r.`day`", edges)) : [],
  ]);
  return [...rolled, ...days];
}

const CUBE = {
  category: "r.`category`",
  focusGroup: "r.`focusGroup`",
  specialised: "r.`specialised`",
};
const CUBE_SUMS = sumsOf("n", "resolved", "open", "ratedSum", "rated", "enterpriseRated");

/** The cube of a rollup table's rows of the district (or the city) where `within` holds. */
async function rolledCube(
  db: DataSource,
  table: "demand_month" | "demand_day",
  districtCode: string | null,
  within: Cond,
): Promise<DemandCell[]> {
  // The city's rows are kept apart (services/rollups.ts): a city read sums a twelfth as many.
  const rows = await sumRollup(db, table, CUBE, CUBE_SUMS, [
    equals("r.`districtCode`", districtCode ?? CITY),
    within,
  ]);
  return rows as unknown as DemandCell[];
}

/** The cube of the demands collected in these spans, from the raw rows. */
export async function rawDemandCube(
  db: DataSource,
  spans: Span[],
  districtCode: string | null,
): Promise<DemandCell[]> {
  const within = inSpans("d.collectedOn", spans);
  const query = db
    .createQueryBuilder()
    .select("d.category", "category")
    .addSelect("d.focusGroup", "focusGroup")
    .addSelect("d.specialised", "specialised")
    .addSelect("COUNT(*)", "n")
    .addSelect(DEMAND_OUTCOMES.resolved, "resolved")
    .addSelect("SUM(CASE WHEN d.status = :openStatus THEN 1 ELSE 0 END)", "open")
    .addSelect(DEMAND_OUTCOMES.ratedSum, "ratedSum")
    .addSelect(DEMAND_OUTCOMES.rated, "rated")
    .addSelect(
      "SUM(CASE WHEN d.status = :resolvedStatus AND d.satisfaction IS NOT NULL AND d.ratedByEnterprise = :yes THEN 1 ELSE 0 END)",
      "enterpriseRated",
    )
    .from("demand", "d")
    .where(within.sql, {
      ...within.params,
      resolvedStatus: DemandStatus.RESOLVED,
      openStatus: DemandStatus.OPEN,
      yes: true,
    });
  if (districtCode) query.andWhere("d.districtCode = :districtCode", { districtCode });
  return query
    .groupBy("d.category")
    .addGroupBy("d.focusGroup")
    .addGroupBy("d.specialised")
    .getRawMany();
}

/** Rolls the cube up: totals, rates and every category and focus group (zero ones included). */
export function rollUpDemands(cells: DemandCell[]): DemandStats {
  const zero = () => ({ total: 0, resolved: 0 });
  const categories = new Map(Object.values(ServiceCategory).map((c) => [c, zero()]));
  const groups = new Map(Object.values(FocusGroup).map((g) => [g, zero()]));
  const flags = new Map([true, false].map((f) => [f, zero()]));
  let total = 0;
  let resolved = 0;
  let open = 0;
  let ratedSum = 0;
  let rated = 0;
  let enterpriseRated = 0;
  const add = (into: { total: number; resolved: number } | undefined, n: number, r: number) => {
    if (!into) return;
    into.total += n;
    into.resolved += r;
  };
  for (const cell of cells) {
    const n = num(cell.n);
    const r = num(cell.resolved);
    total += n;
    resolved += r;
    open += num(cell.open);
    ratedSum += num(cell.ratedSum);
    rated += num(cell.rated);
    enterpriseRated += num(cell.enterpriseRated);
    add(categories.get(cell.category as ServiceCategory), n, r);
    if (cell.focusGroup) add(groups.get(cell.focusGroup as FocusGroup), n, r);
    add(flags.get(Boolean(num(cell.specialised))), n, r);
  }
  return {
    total,
    resolved,
    open,
    resolutionRate: total ? Math.round((resolved / total) * 10_000) / 10_000 : 0,
    averageSatisfaction: rated ? Math.round((ratedSum / rated) * 100) / 100 : null,
    ratedCount: rated,
    enterpriseRatedCount: enterpriseRated,
    byCategory: [...categories].map(([category, s]) => ({ category, ...s })),
    byFocusGroup: [...groups].map(([focusGroup, s]) => ({ focusGroup, ...s })),
    bySpecialised: [...flags].map(([specialised, s]) => ({ specialised, ...s })),
  };
}
