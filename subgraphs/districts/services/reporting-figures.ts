// A reporting month's per-station figures (docs/reports.md), computed by the dashboard's own SQL
// (district-figures.service.ts, demand-stats.service.ts) grouped by station instead of district,
// so a closed month's totals equal the dashboard's figures for that month.
import type { DataSource } from "typeorm";
import { addDays, startOfBusinessDay, today } from "../../../runtime/dates";
import { badInput } from "../../../runtime/errors";
import { checkReportMonth } from "../../../runtime/report-period";
import { demandOutcomes } from "./demand-stats.service";
import {
  activityFigures,
  demandCounts,
  idleStationCounts,
  serviceHours,
  type Grain,
  type Keys,
} from "./district-figures.service";
import { StationStatus } from "../vocabulary";

/** A station's figures for a month, as stored in station_monthly_report. */
export interface StationFigures {
  stationId: number;
  districtCode: string;
  activities: number;
  enterprisesServed: number;
  serviceHours: number;
  demandsCollected: number;
  demandsResolved: number;
  satisfactionSum: number;
  ratedDemands: number;
  idle: boolean;
}

/** A district's figures for the month, by the dashboard's district grain: everything it counts. */
export interface DistrictFigures extends Omit<StationFigures, "stationId" | "idle"> {
  idleStations: number;
}

export interface MonthFiguresSet {
  stations: StationFigures[];
  districts: DistrictFigures[];
}

export interface MonthRange {
  month: string;
  from: string;
  to: string;
}

/** "YYYY-MM" → its first and last Shenzhen dates; a month must have ended to be closed. */
export function monthRange(month: string, now = new Date()): MonthRange {
  checkReportMonth(month);
  const [year, mon] = month.split("-").map(Number);
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, "0")}-01`;
  const to = addDays(next, -1);
  if (next > today(now))
    throw badInput(`month ${month} has not ended yet (Shenzhen time); close it from ${next} on`, {
      field: "month",
    });
  return { month, from: `${month}-01`, to };
}

/**
 * Stations FILED at any time in the month, by their status history (station_event): FILED when
 * the month began (their last event before it), or filed during it.
 */
export async function reportedStations(db: DataSource, range: MonthRange) {
  const start = startOfBusinessDay(range.from);
  const end = startOfBusinessDay(addDays(range.to, 1));
  const rows: Array<{ id: unknown; districtCode: string }> = await db
    .createQueryBuilder()
    .select("s.id", "id")
    .addSelect("s.districtCode", "districtCode")
    .from("station", "s")
    .where(
      `EXISTS (SELECT 1 FROM station_event e WHERE e.stationId = s.id AND e.toStatus = :filed AND e.at >= :start AND e.at < :end)
       OR EXISTS (SELECT 1 FROM station_event e WHERE e.stationId = s.id AND e.toStatus = :filed AND e.at < :start
         AND NOT EXISTS (SELECT 1 FROM station_event l WHERE l.stationId = s.id AND l.at < :start AND l.id > e.id))`,
      { filed: StationStatus.FILED, start, end },
    )
    .orderBy("s.districtCode")
    .addOrderBy("s.id")
    .getRawMany();
  return rows.map((r) => ({ stationId: Number(r.id), districtCode: r.districtCode }));
}

/** The five figure families for the keys of one grain: five statements, whatever the count. */
async function figuresBy(db: DataSource, keys: Keys, range: MonthRange, grain: Grain) {
  const { from, to } = range;
  const [activity, hours, collected, outcomes, idle] = await Promise.all([
    activityFigures(db, keys, from, to, grain),
    serviceHours(db, keys, from, to, grain),
    demandCounts(db, keys, from, to, grain),
    demandOutcomes(db, keys, from, to, grain),
    idleStationCounts(db, keys, to, grain),
  ]);
  return keys.map((_, i) => ({
    activities: activity[i].activities,
    enterprisesServed: activity[i].enterprisesServed,
    serviceHours: hours[i],
    demandsCollected: collected[i],
    demandsResolved: outcomes[i].resolved,
    satisfactionSum: outcomes[i].ratedSum,
    ratedDemands: outcomes[i].rated,
    idle: idle[i],
  }));
}

/**
 * The month's figures of every reported station, and of every district as the dashboard counts
 * them (online activities and demands at stations not filed that month included).
 */
export async function monthFigures(db: DataSource, range: MonthRange): Promise<MonthFiguresSet> {
  const stations = await reportedStations(db, range);
  const codes: string[] = (
    await db
      .createQueryBuilder()
      .select("d.code", "code")
      .from("district", "d")
      .orderBy("d.code")
      .getRawMany()
  ).map((r: { code: string }) => r.code);
  const perStation = stations.length
    ? await figuresBy(
        db,
        stations.map((s) => s.stationId),
        range,
        "station",
      )
    : [];
  const perDistrict = await figuresBy(db, codes, range, "district");
  return {
    stations: stations.map((s, i) => ({ ...s, ...perStation[i], idle: perStation[i].idle > 0 })),
    districts: codes.map((districtCode, i) => {
      const { idle, ...rest } = perDistrict[i];
      return { districtCode, ...rest, idleStations: idle };
    }),
  };
}
