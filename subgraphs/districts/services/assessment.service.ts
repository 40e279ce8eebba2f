// The stations' annual assessment (考核, docs/reports.md): from the latest revision of each closed
// month of a year, a station's sums, rates and idle months, scored by the configured weights
// (ASSESSMENT_WEIGHTS) and ranked within its district. One GROUP BY for the whole city.
import type { DataSource } from "typeorm";
import type { AssessmentFigure } from "../../../runtime/config/reports";
import { checkReportYear } from "../../../runtime/report-period";
import { num } from "../../shared/db";
import { roundHours } from "./district-figures.service";

export interface StationYear {
  year: number;
  stationId: number;
  districtCode: string;
  monthsReported: number;
  activities: number;
  enterprisesServed: number;
  serviceHours: number;
  demandsCollected: number;
  demandsResolved: number;
  /** Resolved of collected, 0-1; null without demands. */
  resolutionRate: number | null;
  meanSatisfaction: number | null;
  monthsIdle: number;
  score: number;
  rank: number;
}

/** The closed months of a year (their latest revisions count). */
export async function closedMonths(db: DataSource, year: number): Promise<string[]> {
  const rows: Array<{ month: string }> = await db
    .createQueryBuilder()
    .select("m.month", "month")
    .distinct(true)
    .from("reporting_month", "m")
    .where("m.month BETWEEN :first AND :last", { first: `${year}-01`, last: `${year}-12` })
    .orderBy("m.month")
    .getRawMany();
  return rows.map((r) => r.month);
}

/** score = Σ weight × figure; the resolution rate counts in percentage points. */
export function score(s: Omit<StationYear, "score" | "rank">, w: Record<AssessmentFigure, number>) {
  const total =
    w.activities * s.activities +
    w.enterprisesServed * s.enterprisesServed +
    w.serviceHours * s.serviceHours +
    w.resolutionRate * (s.resolutionRate ?? 0) * 100 +
    w.meanSatisfaction * (s.meanSatisfaction ?? 0) +
    w.monthsIdle * s.monthsIdle;
  return Math.round(total * 100) / 100;
}

/** Ranks within each district, highest score first; equal scores share a rank (1, 2, 2, 4). */
export function rankWithinDistricts<
  T extends { districtCode: string; score: number; rank: number; stationId: number },
>(rows: T[]) {
  rows.sort((a, b) =>
    a.districtCode !== b.districtCode
      ? a.districtCode.localeCompare(b.districtCode)
      : b.score - a.score || a.stationId - b.stationId,
  );
  let start = 0;
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    if (!prev || prev.districtCode !== row.districtCode) start = i;
    row.rank = prev && i > start && prev.score === row.score ? prev.rank : i - start + 1;
  });
  return rows;
}

export async function assessStations(
  db: DataSource,
  year: number,
  districtCode: string | null,
  weights: Record<AssessmentFigure, number>,
): Promise<StationYear[]> {
  checkReportYear(year);
  const q = db
    .createQueryBuilder()
    .select("r.stationId", "stationId")
    .addSelect("r.districtCode", "districtCode")
    .addSelect("COUNT(*)", "monthsReported")
    .addSelect("SUM(r.activities)", "activities")
    .addSelect("SUM(r.enterprisesServed)", "enterprisesServed")
    .addSelect("SUM(r.serviceHours)", "serviceHours")
    .addSelect("SUM(r.demandsCollected)", "demandsCollected")
    .addSelect("SUM(r.demandsResolved)", "demandsResolved")
    .addSelect("SUM(r.satisfactionSum)", "satisfactionSum")
    .addSelect("SUM(r.ratedDemands)", "ratedDemands")
    .addSelect("SUM(CASE WHEN r.idle THEN 1 ELSE 0 END)", "monthsIdle")
    .from("station_monthly_report", "r")
    .where("r.month BETWEEN :first AND :last", { first: `${year}-01`, last: `${year}-12` })
    .andWhere(
      "r.revision = (SELECT MAX(m.revision) FROM reporting_month m WHERE m.month = r.month)",
    );
  if (districtCode) q.andWhere("r.districtCode = :districtCode", { districtCode });
  const rows: Array<Record<string, unknown>> = await q
    .groupBy("r.stationId")
    .addGroupBy("r.districtCode")
    .getRawMany();
  const assessed = rows.map((r) => {
    const collected = num(r.demandsCollected);
    const rated = num(r.ratedDemands);
    const figures = {
      year,
      stationId: Number(r.stationId),
      districtCode: String(r.districtCode),
      monthsReported: num(r.monthsReported),
      activities: num(r.activities),
      enterprisesServed: num(r.enterprisesServed),
      serviceHours: roundHours(num(r.serviceHours)),
      demandsCollected: collected,
      demandsResolved: num(r.demandsResolved),
      resolutionRate: collected
        ? Math.round((num(r.demandsResolved) / collected) * 10_000) / 10_000
        : null,
      meanSatisfaction: rated ? Math.round((num(r.satisfactionSum) / rated) * 100) / 100 : null,
      monthsIdle: num(r.monthsIdle),
    };
    return { ...figures, score: score(figures, weights), rank: 0 };
  });
  return rankWithinDistricts(assessed);
}
