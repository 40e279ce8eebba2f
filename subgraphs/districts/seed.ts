// The districts' seed entry point: stations with their review trail, demands, activities with their
// crews, and the clinic's bookings with their history. The districts themselves are reference
// data, written at every start (ensureDistricts), demo or not.
import type { DataSource } from "typeorm";
import { stepColumns } from "./services/deadlines";
import { DemandStatus } from "./vocabulary";
import { clearTables, insertChunked, type Instant, type SubgraphSeed } from "../shared/seed";
import { DISTRICTS } from "../shared/vocabulary";
import { Activity } from "./entities/activity.entity";
import { Booking } from "./entities/booking.entity";
import { BookingEvent } from "./entities/booking-event.entity";
import { Demand } from "./entities/demand.entity";
import { District } from "./entities/district.entity";
import { Participation } from "./entities/participation.entity";
import { ActivityEvent } from "./entities/activity-event.entity";
import { DemandEvent } from "./entities/demand-event.entity";
import { Station } from "./entities/station.entity";
import { StationEvent } from "./entities/station-event.entity";
import { ReportingMonth } from "./entities/reporting-month.entity";
import { ReportingMonthEvent } from "./entities/reporting-month-event.entity";
import { StationMonthlyReport } from "./entities/station-monthly-report.entity";
import { DistrictMonthlyReport } from "./entities/district-monthly-report.entity";
import { StationReportChange } from "./entities/station-report-change.entity";
import {
  ActivityDay,
  ActivityMonth,
  DemandDay,
  DemandMonth,
  DemandOpen,
} from "./entities/rollup.entity";
import { rebuildRollups } from "./services/rollups";
import { rebuildIfMissing } from "../shared/kept-counts";

/**
 * The districts are reference data: present in every database, demo or not. Whether rollups
 * found empty beside their rows were rebuilt.
 */
export async function ensureDistricts(db: DataSource) {
  await db.getRepository(District).upsert(
    DISTRICTS.map((d) => ({ ...d })),
    ["code"],
  );
  return ensureRollups(db);
}

/** A rollup table and the rows whose presence means it cannot be empty. */
const ROLLED_FROM: ReadonlyArray<[string, string]> = [
  ["activity_month", "activity"],
  ["activity_day", "activity"],
  ["demand_month", "demand"],
  ["demand_day", "demand"],
  ["demand_open", `demand WHERE status = '${DemandStatus.OPEN}'`],
];

/**
 * Rollups missing beside rows (a SQLite database synchronised before a rollup table was added)
 * are built.
 */
const ensureRollups = (db: DataSource) =>
  rebuildIfMissing(db, "hub.districts.rollups", ROLLED_FROM, (tx) => rebuildRollups(tx));

/** The rows a districts database is loaded with; events get their ids in this order. */
export interface DistrictsSeedRows {
  stations: Array<{
    id: number;
    districtCode: string;
    externalId: string;
    name: string;
    hostType: string;
    status: string;
    categories: string[];
    address: string;
    contactName: string;
    contactPhone: string;
    venue: string;
    equipment: string;
    recommended: boolean;
    filedAt: Instant | null;
  }>;
  stationEvents: Array<{
    stationId: number;
    actor: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    comment: string | null;
    at: Instant;
  }>;
  demands: Array<{
    id: number;
    districtCode: string;
    externalId: string;
    stationId: number;
    enterpriseName: string;
    creditCode: string;
    category: string;
    focusGroup: string | null;
    specialised: boolean;
    description: string;
    status: string;
    collectedOn: string;
    satisfaction: number | null;
  }>;
  activities: Array<{
    id: number;
    districtCode: string;
    externalId: string;
    stationId: number | null;
    type: string;
    category: string;
    title: string;
    heldOn: string;
    feeCharged: number;
    enterprisesServed: number;
  }>;
  participations: Array<{
    activityId: number;
    volunteerId: number;
    hours: number;
    verified: boolean;
  }>;
  /** Each booking's version counts its events; it was created by its first event's actor. */
  bookings: Array<{
    id: number;
    demandId: number;
    districtCode: string;
    volunteerId: number;
    menuItemId: number | null;
    form: string;
    message: string;
    contactName: string;
    contactPhone: string;
    channel: string;
    status: string;
    requestedAt: Instant;
    answerBy: string;
    decidedAt: Instant | null;
    reason: string | null;
    activityId: number | null;
    events: Array<{
      at: Instant;
      actor: string;
      action: string;
      fromStatus: string | null;
      toStatus: string;
      demandFrom: string | null;
      demandTo: string | null;
      comment: string | null;
    }>;
  }>;
}

const instantOrNull = (at: Instant | null) => (at === null ? null : new Date(at));

async function loadDistricts(db: DataSource, rows: DistrictsSeedRows) {
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      Station,
      rows.stations.map((s) => ({ ...s, filedAt: instantOrNull(s.filedAt) })) as never[],
    );
    await insertChunked(
      tx,
      StationEvent,
      rows.stationEvents.map((e) => ({ ...e, at: new Date(e.at) })) as never[],
    );
    await insertChunked(tx, Demand, rows.demands.map(withFirstStep) as never[]);
    await insertChunked(tx, Activity, rows.activities as never[]);
    await insertChunked(tx, Participation, rows.participations as never[]);
    await insertChunked(
      tx,
      Booking,
      rows.bookings.map(({ events, ...b }) => ({
        ...b,
        requestedAt: new Date(b.requestedAt),
        decidedAt: instantOrNull(b.decidedAt),
        version: events.length,
        createdBy: events[0].actor,
      })) as never[],
    );
    await insertChunked(
      tx,
      BookingEvent,
      rows.bookings.flatMap((b) =>
        b.events.map((e) => ({ ...e, at: new Date(e.at), bookingId: b.id })),
      ) as never[],
    );
    await rebuildRollups(tx);
  });
}

export const districtsSeed: SubgraphSeed<DistrictsSeedRows> = {
  isEmpty: async (db) => !(await db.getRepository(Station).exists()),
  load: loadDistricts,
  clear: (db) =>
    clearTables(db, [
      ReportingMonthEvent,
      StationReportChange,
      StationMonthlyReport,
      DistrictMonthlyReport,
      ReportingMonth,
      ActivityMonth,
      ActivityDay,
      DemandMonth,
      DemandDay,
      DemandOpen,
      BookingEvent,
      Booking,
      Participation,
      ActivityEvent,
      Activity,
      DemandEvent,
      Demand,
      StationEvent,
      Station,
    ]),
};

/**
 * An OPEN demo demand waits on its first step, which starts at its collection: its deadline is
 * known (services/deadlines.ts). For the others the demo data does not say when their step began,
 * so they carry no deadline (and count in no on-time rate).
 */
function withFirstStep(demand: DistrictsSeedRows["demands"][number]) {
  if (demand.status !== "OPEN") return demand;
  return {
    ...demand,
    ...stepColumns(undefined, { ...demand, status: DemandStatus.OPEN }),
  };
}
