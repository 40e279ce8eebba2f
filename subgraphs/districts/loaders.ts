// Per-request DataLoaders of the districts subgraph: each batch is one IN (...) or GROUP BY query.
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { num } from "../shared/db";
import { byKey, grouped, keyed, rowById, rowsBy } from "../shared/loader-helpers";
import { plainRowById, plainRowByKey } from "../shared/plain-rows";
import { Activity } from "./entities/activity.entity";
import { createFigureLoaders } from "./figure-loaders";
import { District } from "./entities/district.entity";
import { Station } from "./entities/station.entity";
import { StationEvent } from "./entities/station-event.entity";
import { DemandStatus, StationStatus } from "./vocabulary";
import { today } from "../../runtime/dates";
import { Booking } from "./entities/booking.entity";
import { BookingEvent } from "./entities/booking-event.entity";
import { ActivityEvent } from "./entities/activity-event.entity";
import { DemandEvent } from "./entities/demand-event.entity";
import { Demand } from "./entities/demand.entity";
import { bookingRecords } from "./services/booking-figures";
import type { CandidateRecord } from "./services/matching";
import { timelines } from "./services/timeline";
import { Participation } from "./entities/participation.entity";
import { RecordCorrection } from "./entities/record-correction.entity";
import { RecordCorrectionEvent } from "./entities/record-correction-event.entity";
import type { TimelineStep } from "./types/timeline.types";

export interface StationDemandFigures {
  openDemandCount: number;
  lastDemandAt: string | null;
}

export interface StationPageKey {
  status: StationStatus | null;
  first: number;
  afterId: number | null;
}

/**
 * The columns a reference reads when only a station's card is asked (a page of stories asks its
 * stations' names and districts): id, name, the district's code and the status that decides who
 * sees it.
 */
export const STATION_CARD = ["id", "districtCode", "name", "status"] as const;
/** The columns a reference reads when only an activity's card is asked (its title and day). */
export const ACTIVITY_CARD = [
  "id",
  "districtCode",
  "stationId",
  "type",
  "category",
  "title",
  "heldOn",
] as const;

export function createLoaders(db: DataSource) {
  // The figure loaders are spread last: V8 builds a literal that starts with a spread and goes on
  // with two dozen properties through its slow path, property by property (40 µs of CPU on every
  // districts request, against 2 µs with the spread at the end; no key is in both).
  return {
    district: plainRowByKey<District, "code">(db, District, "code"),
    /** Plain rows: read on every reference (a story's stations and activities). */
    station: plainRowById(db, Station),
    activity: plainRowById(db, Activity),
    /** A reference's card (STATION_CARD, ACTIVITY_CARD), when nothing else is asked. */
    stationCard: plainRowById(db, Station, STATION_CARD),
    activityCard: plainRowById(db, Activity, ACTIVITY_CARD),
    demand: rowById(db, Demand),
    demandBookings: rowsBy(db, Booking, "demandId", { id: "ASC" }),
    bookingHistory: rowsBy(db, BookingEvent, "bookingId", { id: "ASC" }),
    demandHistory: rowsBy(db, DemandEvent, "demandId", { id: "ASC" }),
    activityHistory: rowsBy(db, ActivityEvent, "activityId", { id: "ASC" }),
    /** Demand and booking events of each demand, by time (an enterprise's timeline). */
    demandTimeline: new DataLoader<number, TimelineStep[]>((ids) => timelines(db, ids)),
    /** Every participation of each volunteer (its service record), counted or not. */
    volunteerParticipations: rowsBy(db, Participation, "volunteerId", { id: "ASC" }),
    /** Each volunteer's record corrections, newest first. */
    volunteerCorrections: rowsBy(db, RecordCorrection, "volunteerId", { id: "DESC" }),
    correctionHistory: rowsBy(db, RecordCorrectionEvent, "correctionId", { id: "ASC" }),
    /** Open bookings and rated satisfaction per expert: one GROUP BY per batch. */
    volunteerBookings: new DataLoader<number, CandidateRecord>(async (ids) => {
      const records = await bookingRecords(db, ids, today());
      return ids.map(
        (id) => records.get(id) ?? { openBookings: 0, rated: 0, meanSatisfaction: null },
      );
    }),

    stationDemandFigures: stationDemandFiguresLoader(db),
    stationCount: stationCountLoaders(db),
    stationPage: stationPageLoaders(db),
    stationHistory: rowsBy(db, StationEvent, "stationId", { id: "ASC" }),

    volunteerHours: volunteerHoursLoader(db),
    volunteerActivities: volunteerActivitiesLoaders(db),
    ...createFigureLoaders(db),
  };
}

/** Open demands and the latest demand of each station: one GROUP BY per batch. */
function stationDemandFiguresLoader(db: DataSource) {
  return new DataLoader<number, StationDemandFigures>(async (ids) => {
    const rows: Array<{ stationId: number; open: unknown; last: string | null }> = await db
      .createQueryBuilder()
      .select("d.stationId", "stationId")
      .addSelect(`SUM(CASE WHEN d.status = :open THEN 1 ELSE 0 END)`, "open")
      .addSelect("MAX(d.collectedOn)", "last")
      .from("demand", "d")
      .where("d.stationId IN (:...ids)", { ids, open: DemandStatus.OPEN })
      .groupBy("d.stationId")
      .getRawMany();
    return byKey(ids, rows, (r) => Number(r.stationId)).map((r) => ({
      openDemandCount: num(r?.open),
      lastDemandAt: r?.last ? String(r.last).slice(0, 10) : null,
    }));
  });
}

/** Stations of each district, of one status or all: one GROUP BY per batch and status. */
function stationCountLoaders(db: DataSource) {
  return keyed(
    (status: StationStatus | null) =>
      new DataLoader<string, number>(async (codes) => {
        const query = db
          .createQueryBuilder()
          .select("s.districtCode", "code")
          .addSelect("COUNT(*)", "n")
          .from("station", "s")
          .where("s.districtCode IN (:...codes)", { codes })
          .groupBy("s.districtCode");
        if (status) query.andWhere("s.status = :status", { status });
        const rows: Array<{ code: string; n: unknown }> = await query.getRawMany();
        return byKey(codes, rows, (r) => r.code).map((r) => num(r?.n));
      }),
  );
}

/** A page of each district's stations: one windowed query for all districts, one fetch of rows. */
function stationPageLoaders(db: DataSource) {
  return keyed(
    (key: StationPageKey) =>
      new DataLoader<string, Station[]>(async (codes) => {
        const params: unknown[] = [...codes];
        let filter = `districtCode IN (${codes.map(() => "?").join(", ")})`;
        if (key.status) {
          filter += " AND status = ?";
          params.push(key.status);
        }
        if (key.afterId !== null) {
          filter += " AND id > ?";
          params.push(key.afterId);
        }
        params.push(key.first + 1);
        const ranked: Array<{ id: number }> = await db.query(
          `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY districtCode ORDER BY id) AS rn
         FROM station WHERE ${filter}) ranked WHERE rn <= ?`,
          params,
        );
        const ids = ranked.map((r) => Number(r.id));
        const rows = ids.length
          ? await db.getRepository(Station).find({ where: { id: In(ids) }, order: { id: "ASC" } })
          : [];
        return grouped(codes, rows, (s) => s.districtCode);
      }),
  );
}

/** Verified service hours of each volunteer: one GROUP BY per batch. */
function volunteerHoursLoader(db: DataSource) {
  return new DataLoader<number, number>(async (ids) => {
    const rows: Array<{ volunteerId: number; hours: unknown }> = await db
      .createQueryBuilder()
      .select("p.volunteerId", "volunteerId")
      .addSelect("SUM(p.hours)", "hours")
      .from("participation", "p")
      .where("p.volunteerId IN (:...ids) AND p.verified = :verified", { ids, verified: true })
      .groupBy("p.volunteerId")
      .getRawMany();
    return byKey(ids, rows, (r) => Number(r.volunteerId)).map(
      (r) => Math.round(num(r?.hours) * 100) / 100,
    );
  });
}

/** Each volunteer's `first` latest verified activities: one windowed query, one fetch. */
function volunteerActivitiesLoaders(db: DataSource) {
  return keyed(
    (first: number) =>
      new DataLoader<number, Activity[]>(async (ids) => {
        const pairs: Array<{ activityId: number; volunteerId: number }> = await db.query(
          `SELECT activityId, volunteerId FROM (
           SELECT p.activityId, p.volunteerId, ROW_NUMBER() OVER (
             PARTITION BY p.volunteerId ORDER BY a.heldOn DESC, a.id DESC) AS rn
           FROM participation p JOIN activity a ON a.id = p.activityId
           WHERE p.volunteerId IN (${ids.map(() => "?").join(", ")}) AND p.verified = ?
         ) ranked WHERE rn <= ?`,
          [...ids, true, first],
        );
        const activityIds = [...new Set(pairs.map((p) => Number(p.activityId)))];
        const activities = activityIds.length
          ? await db.getRepository(Activity).find({
              where: { id: In(activityIds) },
              order: { heldOn: "DESC", id: "DESC" },
            })
          : [];
        const rank = new Map(activities.map((a, i) => [a.id, i]));
        return grouped(ids, pairs, (p) => Number(p.volunteerId)).map((list) =>
          list
            .map((p) => activities[rank.get(Number(p.activityId)) ?? -1])
            .filter((a): a is Activity => Boolean(a))
            .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0)),
        );
      }),
  );
}

export type DistrictsLoaders = ReturnType<typeof createLoaders>;
