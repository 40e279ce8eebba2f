// What moved between a month's latest revision and its figures now (per station, and per district
// for what the district counts beyond its stations), and the audit events recorded since that
// revision on the moved stations and on their (or the district's) demands and activities of the month.
import type { EntityManager } from "typeorm";
import type { FigureMove, ReportCause } from "../entities/station-report-change.entity";
import { ReportFigure } from "../vocabulary";
import type {
  DistrictFigures,
  MonthFiguresSet,
  MonthRange,
  StationFigures,
} from "./reporting-figures";

/** A station's moves (stationId) or a district's totals' moves (stationId null). */
export interface ReportMoves {
  stationId: number | null;
  districtCode: string;
  moved: FigureMove[];
}

type Shared = Omit<StationFigures, "stationId" | "idle" | "districtCode">;
type Read<F> = (f: F | undefined) => string | null;

const mean = (f: Shared | undefined) =>
  f && f.ratedDemands ? String(Math.round((f.satisfactionSum / f.ratedDemands) * 100) / 100) : null;
const field =
  <F>(key: keyof F & string): Read<F> =>
  (f) =>
    f ? String(Number(f[key])) : null;

const SHARED: Array<[ReportFigure, Read<Shared>]> = [
  [ReportFigure.activities, field("activities")],
  [ReportFigure.enterprisesServed, field("enterprisesServed")],
  [ReportFigure.serviceHours, field("serviceHours")],
  [ReportFigure.demandsCollected, field("demandsCollected")],
  [ReportFigure.demandsResolved, field("demandsResolved")],
  [ReportFigure.meanSatisfaction, mean],
];
const STATION: Array<[ReportFigure, Read<StationFigures>]> = [
  [ReportFigure.filed, (f) => (f ? "true" : "false")],
  ...SHARED,
  [ReportFigure.idle, (f) => (f ? String(Boolean(f.idle)) : null)],
];
const DISTRICT: Array<[ReportFigure, Read<DistrictFigures>]> = [
  ...SHARED,
  [ReportFigure.idleStations, field("idleStations")],
];

function diff<F>(figures: Array<[ReportFigure, Read<F>]>, a: F | undefined, b: F | undefined) {
  return figures
    .map(([figure, read]) => ({ figure, before: read(a), after: read(b) }))
    .filter((m) => m.before !== m.after);
}

/** Every station and district whose figures differ (a station that joined or left included). */
export function diffRevisions(before: MonthFiguresSet, now: MonthFiguresSet): ReportMoves[] {
  const moves: ReportMoves[] = [];
  const oldS = new Map(before.stations.map((r) => [r.stationId, r]));
  const newS = new Map(now.stations.map((r) => [r.stationId, r]));
  for (const id of [...new Set([...oldS.keys(), ...newS.keys()])].sort((a, b) => a - b)) {
    const a = oldS.get(id);
    const b = newS.get(id);
    const moved = diff(STATION, a, b);
    if (moved.length) moves.push({ stationId: id, districtCode: (b ?? a)!.districtCode, moved });
  }
  const oldD = new Map(before.districts.map((r) => [r.districtCode, r]));
  for (const b of now.districts) {
    const moved = diff(DISTRICT, oldD.get(b.districtCode), b);
    if (moved.length) moves.push({ stationId: null, districtCode: b.districtCode, moved });
  }
  return moves;
}

type CauseRow = {
  stationId: unknown;
  districtCode: string;
  id: unknown;
  subject: unknown;
  action: string;
  at: unknown;
  actor: string;
};

/** The events since `since` on the stations and districts that moved, and their month's records. */
export async function movedCauses(
  tx: EntityManager,
  range: MonthRange,
  moves: ReportMoves[],
  since: Date,
): Promise<Map<string, ReportCause[]>> {
  const causes = new Map<string, ReportCause[]>();
  const ids = [0, ...moves.flatMap((m) => (m.stationId === null ? [] : [m.stationId]))];
  const codes = ["", ...moves.filter((m) => m.stationId === null).map((m) => m.districtCode)];
  const p = { ids, codes, since, from: range.from, to: range.to };
  const events = (table: string, fk: string, record: string, alias: string, date: string) =>
    tx
      .createQueryBuilder()
      .select(`${alias}.stationId`, "stationId")
      .addSelect(`${alias}.districtCode`, "districtCode")
      .addSelect("e.id", "id")
      .addSelect(`e.${fk}`, "subject")
      .addSelect("e.action", "action")
      .addSelect("e.at", "at")
      .addSelect("e.actor", "actor")
      .from(table, "e")
      .innerJoin(record, alias, `${alias}.id = e.${fk}`)
      .where(`(${alias}.stationId IN (:...ids) OR ${alias}.districtCode IN (:...codes))`, p)
      .andWhere(`e.at > :since AND ${alias}.${date} BETWEEN :from AND :to`, p)
      .orderBy("e.id")
      .getRawMany<CauseRow>();
  const [stationRows, demandRows, activityRows] = await Promise.all([
    tx
      .createQueryBuilder()
      .select("e.stationId", "stationId")
      .addSelect("''", "districtCode")
      .addSelect("e.id", "id")
      .addSelect("e.stationId", "subject")
      .addSelect("e.action", "action")
      .addSelect("e.at", "at")
      .addSelect("e.actor", "actor")
      .from("station_event", "e")
      .where("e.stationId IN (:...ids) AND e.at > :since", p)
      .orderBy("e.id")
      .getRawMany<CauseRow>(),
    events("demand_event", "demandId", "demand", "d", "collectedOn"),
    events("activity_event", "activityId", "activity", "a", "heldOn"),
  ]);
  const add = (key: string, cause: ReportCause) =>
    causes.set(key, [...(causes.get(key) ?? []), cause]);
  const moved = new Set(moves.map((m) => keyOf(m)));
  const sets: Array<[string, CauseRow[]]> = [
    ["station", stationRows],
    ["demand", demandRows],
    ["activity", activityRows],
  ];
  for (const [kind, rows] of sets) {
    for (const r of rows) {
      const cause = {
        source: `${kind}_event`,
        eventId: Number(r.id),
        subject: `${kind} ${String(r.subject)}`,
        action: r.action,
        at: asIso(r.at),
        actor: r.actor,
      };
      const station = keyOf({
        stationId: r.stationId === null ? null : Number(r.stationId),
        districtCode: r.districtCode,
      });
      if (r.stationId !== null && moved.has(station)) add(station, cause);
      const district = keyOf({ stationId: null, districtCode: r.districtCode });
      if (kind !== "station" && moved.has(district)) add(district, cause);
    }
  }
  return causes;
}

/** The key of a move in the causes map. */
export const keyOf = (m: { stationId: number | null; districtCode: string }) =>
  m.stationId === null ? `district:${m.districtCode}` : `station:${m.stationId}`;

/** A datetime as the driver returns it (a Date on MySQL, "YYYY-MM-DD HH:MM:SS.sss" UTC on SQLite). */
const asIso = (value: unknown) =>
  value instanceof Date
    ? value.toISOString()
    : new Date(`${String(value).replace(" ", "T")}Z`).toISOString();
