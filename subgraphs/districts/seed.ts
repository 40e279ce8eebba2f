// Loads the districts' slice of the demo data: reference districts, stations, demands, activities.
import type { DataSource } from "typeorm";
import type { DemoData, DemoStation } from "../../demo/generate";
import { insertChunked } from "../shared/seed";
import { DISTRICTS } from "../shared/vocabulary";
import { Activity } from "./entities/activity.entity";
import { Demand } from "./entities/demand.entity";
import { District } from "./entities/district.entity";
import { Participation } from "./entities/participation.entity";
import { Station } from "./entities/station.entity";
import { StationAction, StationStatus } from "./vocabulary";
import { StationEvent } from "./entities/station-event.entity";
import { clinicDemo } from "../../demo/clinic";
import { Booking } from "./entities/booking.entity";
import { BookingEvent } from "./entities/booking-event.entity";
import { ActivityEvent } from "./entities/activity-event.entity";
import { DemandEvent } from "./entities/demand-event.entity";

/** The districts are reference data: present in every database, demo or not. */
export async function ensureDistricts(db: DataSource) {
  await db.getRepository(District).upsert(
    DISTRICTS.map((d) => ({ ...d })),
    ["code"],
  );
}

export async function seedDistricts(db: DataSource, demo: DemoData) {
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      Station,
      demo.stations.map((s) => ({
        ...s,
        filedAt: s.filedAt ? new Date(s.filedAt) : null,
      })) as never[],
    );
    await insertChunked(
      tx,
      StationEvent,
      demo.stations.flatMap((s) => reviewTrail(s, demo.anchor)) as never[],
    );
    await insertChunked(tx, Demand, demo.demands as never[]);
    await insertChunked(
      tx,
      Activity,
      demo.activities.map(({ participants: _p, ...a }) => ({ ...a, feeCharged: 0 })) as never[],
    );
    await insertChunked(
      tx,
      Participation,
      demo.activities.flatMap((a) =>
        a.participants.map((p) => ({ activityId: a.id, ...p, verified: true })),
      ) as never[],
    );
    const { bookings } = clinicDemo(demo);
    await insertChunked(
      tx,
      Booking,
      bookings.map(({ events, ...b }) => ({
        ...b,
        version: events.length,
        createdBy: events[0].actor,
      })) as never[],
    );
    await insertChunked(
      tx,
      BookingEvent,
      bookings.flatMap((b) => b.events.map((e) => ({ ...e, bookingId: b.id }))) as never[],
    );
  });
}

const PATHS: Record<string, StationStatus[]> = {
  SUBMITTED: [StationStatus.SUBMITTED],
  UNDER_REVIEW: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW],
  REJECTED: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW, StationStatus.REJECTED],
  FILED: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW, StationStatus.FILED],
  SUSPENDED: [
    StationStatus.SUBMITTED,
    StationStatus.UNDER_REVIEW,
    StationStatus.FILED,
    StationStatus.SUSPENDED,
  ],
  REVOKED: [
    StationStatus.SUBMITTED,
    StationStatus.UNDER_REVIEW,
    StationStatus.FILED,
    StationStatus.REVOKED,
  ],
};

/** The review action that moves a station to each status. */
const REVIEW_ACTION: Record<StationStatus, StationAction> = {
  SUBMITTED: StationAction.PUBLISH,
  UNDER_REVIEW: StationAction.ACCEPT,
  REJECTED: StationAction.REJECT,
  FILED: StationAction.FILE,
  SUSPENDED: StationAction.SUSPEND,
  REVOKED: StationAction.REVOKE,
};

/** The audit events that lead a demo station to its status, a week apart (filed on filedAt). */
export function reviewTrail(station: DemoStation, demoAnchor: string) {
  const path = PATHS[station.status];
  const filedIndex = path.indexOf(StationStatus.FILED);
  const anchor = Date.parse(station.filedAt ?? `${demoAnchor}T02:00:00.000Z`) - 30 * 86_400_000;
  return path.map((toStatus, i) => ({
    stationId: station.id,
    actor:
      i === 0 ? `demo:${station.districtCode}:agency` : `demo:${station.districtCode}:reviewer`,
    action: REVIEW_ACTION[toStatus],
    fromStatus: i === 0 ? null : path[i - 1],
    toStatus,
    comment: i === 0 ? "published" : `${toStatus.toLowerCase().replace("_", " ")} (demo data)`,
    at: new Date(
      filedIndex >= 0 && station.filedAt
        ? Date.parse(station.filedAt) + (i - filedIndex) * 7 * 86_400_000
        : anchor + i * 7 * 86_400_000,
    ),
  }));
}

export async function clearDistricts(db: DataSource) {
  for (const entity of [
    BookingEvent,
    Booking,
    Participation,
    ActivityEvent,
    Activity,
    DemandEvent,
    Demand,
    StationEvent,
    Station,
  ])
    await db.getRepository(entity).clear();
}
