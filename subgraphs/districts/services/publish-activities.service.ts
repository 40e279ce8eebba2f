// Districts publish the activities held at their stations or online, with each volunteer's hours:
// idempotent upsert keyed by (district, externalId). Fees are refused (volunteer service is free,
// docs/domain.md rule 4) and every participant is verified with corps (rule 3) or the row is refused.
// Check (each row, then its participants with corps) → plan (publish-activities.plan.ts) → write.
import { noteChanged } from "../../shared/cache-entities";
import { trackingActivities } from "./rollups";
import { In, type DataSource, type EntityManager } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { today } from "../../../runtime/dates";
import type { Logger } from "../../../runtime/log";
import { recordEvents, type Audit, type EventValues } from "../../shared/audit";
import { Activity } from "../entities/activity.entity";
import { ActivityEvent } from "../entities/activity-event.entity";
import { Booking } from "../entities/booking.entity";
import { BookingEvent } from "../entities/booking-event.entity";
import { Demand } from "../entities/demand.entity";
import { Participation } from "../entities/participation.entity";
import type { ActivityInput } from "../inputs/activity.input";
import {
  Batch,
  changedKeys,
  externalKey,
  insertWithIds,
  planAndWrite,
  readWithStations,
  type Row,
} from "./batch";
import { insertRows } from "../../shared/db";
import { crewsOf } from "./participations";
import {
  planActivities,
  type ActivityChange,
  type ActivityPlan,
  type StoredActivities,
} from "./publish-activities.plan";
import { checkParticipants } from "./volunteer-check.service";
import type { ServiceChange, StoredBookings } from "./booked-session.plan";
import { moveBooking, moveDemand } from "./bookings.service";
import { ActivityAction, BookingAction, BookingStatus, DemandAction } from "../vocabulary";

export async function publishActivities(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  districtCode: string,
  rows: ActivityInput[],
  log: Logger,
) {
  // Check: each row on its own, then its participants with corps (before any transaction).
  const batch = new Batch(districtCode, rows, "activities");
  checkActivities(batch);
  await checkParticipants(db, config, districtCode, batch, log);
  // Plan and write, in one transaction, on what is stored now.
  return planAndWrite(db, batch, {
    read: (tx, checked) => readActivities(tx, districtCode, checked),
    plan: (checked, stored) => planActivities(districtCode, checked, stored),
    write: (tx, plan, stored) => writeActivities(tx, districtCode, plan, stored, audit),
  });
}

/** The rules of a single row: no fee, each volunteer listed once (the date: @PastDate). */
export function checkActivities(batch: Batch<ActivityInput>) {
  batch.check(({ input }) =>
    (input.feeCharged ?? 0) !== 0
      ? `feeCharged ${input.feeCharged}: volunteer service is free; an activity that charges a fee cannot be published`
      : null,
  );
  // "2" and "02" are the same volunteer: compare and store the canonical id.
  for (const { input } of batch.rows) {
    for (const p of input.participants) p.volunteerId = String(Number(p.volunteerId));
  }
  batch.check(({ input }) => {
    const ids = input.participants.map((p) => p.volunteerId);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    return twice ? `volunteer ${twice} is listed twice among the participants` : null;
  });
  // One session serves one booking: a booking named by two rows of a batch keeps the first.
  const named = new Map<string, string>();
  batch.check(({ input }) => {
    if (!input.bookingId) return null;
    const key = String(Number(input.bookingId));
    const first = named.get(key);
    if (first !== undefined)
      return `booking ${key} is already served by activity ${first} of this batch`;
    named.set(key, input.externalId);
    return null;
  });
}

/** The stored activities, the stations the rows name, and the recorded crews (three queries). */
async function readActivities(
  tx: EntityManager,
  districtCode: string,
  rows: ReadonlyArray<Row<ActivityInput>>,
): Promise<StoredActivities> {
  const { stored, stations } = await readWithStations(
    tx,
    Activity,
    districtCode,
    rows,
    (input) => input.stationExternalId,
  );
  const activityIds = [...stored.values()].map((a) => a.id);
  const crews = await crewsOf(tx, activityIds);
  return {
    activities: stored,
    stations,
    crews,
    service: await readBookings(tx, rows, activityIds),
  };
}

/** The bookings the rows name and those the stored activities served, with their demands. */
async function readBookings(
  tx: EntityManager,
  rows: ReadonlyArray<Row<ActivityInput>>,
  activityIds: number[],
): Promise<StoredBookings> {
  const named = rows.flatMap((r) => (r.input.bookingId ? [Number(r.input.bookingId)] : []));
  const repo = tx.getRepository(Booking);
  const found = [
    ...(named.length ? await repo.findBy({ id: In(named) }) : []),
    ...(activityIds.length ? await repo.findBy({ activityId: In(activityIds) }) : []),
  ];
  const bookings = new Map(found.map((b) => [b.id, b]));
  const demandIds = [...new Set(found.map((b) => b.demandId))];
  const demands = demandIds.length
    ? await tx.getRepository(Demand).findBy({ id: In(demandIds) })
    : [];
  return {
    bookings,
    linked: new Map(found.filter((b) => b.activityId !== null).map((b) => [b.activityId!, b])),
    demands: new Map(
      demands.map((d) => [
        d.id,
        {
          id: d.id,
          status: d.status,
          satisfaction: d.satisfaction,
          ratedByEnterprise: d.ratedByEnterprise,
        },
      ]),
    ),
    today: today(),
  };
}

/** A served session: the booking COMPLETED (linked to the activity), the demand moved or rated. */
async function applyService(
  tx: EntityManager,
  activity: { id: number; externalId: string; heldOn: string },
  change: ServiceChange,
  audit: Audit,
) {
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const demand = change.demand;
  const demandMove = demand && {
    id: demand.id,
    from: demand.from,
    to: demand.to,
    satisfaction: demand.satisfaction ?? undefined,
  };
  if (change.complete) {
    await moveBooking(tx, change.booking, {
      audit,
      at,
      transition: "complete",
      columns: { activityId: activity.id },
      comment:
        `served by activity ${activity.externalId} on ${activity.heldOn}` +
        (change.satisfaction !== null ? `; satisfaction ${change.satisfaction}` : ""),
      demand: demandMove ?? undefined,
    });
    return;
  }
  if (!demandMove) return;
  // Rated later, by a new copy of the same activity: the demand moves, the booking stays.
  const comment = `satisfaction ${change.satisfaction} (activity ${activity.externalId})`;
  await moveDemand(tx, audit, demandMove, DemandAction.RATE, comment, at);
  await recordEvents(
    tx,
    BookingEvent,
    audit,
    [
      {
        bookingId: change.booking.id,
        action: BookingAction.RATE,
        fromStatus: BookingStatus.COMPLETED,
        toStatus: BookingStatus.COMPLETED,
        demandFrom: demandMove.from,
        demandTo: demandMove.to,
        comment,
      },
    ],
    at,
  );
}

/** What a re-published activity changed, for its audit event: "title, heldOn, participants". */
function changes(values: ActivityChange, stored: Activity) {
  const fields = changedKeys(values.activity, stored as never);
  if (values.crew) fields.push("participants");
  if (values.service) fields.push("booking");
  return `changed ${fields.join(", ")}`;
}

/**
 * Updates in batch order (replacing a changed crew), then the new activities with their crews,
 * then one audit event per activity written, in multi-row INSERTs (docs/domain.md rule 8).
 */
async function writeActivities(
  tx: EntityManager,
  districtCode: string,
  plan: ActivityPlan,
  stored: StoredActivities,
  audit: Audit,
) {
  const updated = plan.updated.map((u) => u.id);
  await trackingActivities(tx, updated, async () => ({
    result: undefined,
    created: await writeActivityRows(tx, districtCode, plan, stored, audit),
  }));
}

/** The writes themselves; returns the new activities' ids (the rollups follow them). */
async function writeActivityRows(
  tx: EntityManager,
  districtCode: string,
  plan: ActivityPlan,
  stored: StoredActivities,
  audit: Audit,
): Promise<number[]> {
  const activities = tx.getRepository(Activity);
  const participations = tx.getRepository(Participation);
  const rowsOf = (activityId: number, crew: ActivityChange["crew"]) =>
    (crew ?? []).map((p) => ({ activityId, ...p, verified: true }));
  const events: Array<EventValues<ActivityEvent>> = [];
  noteChanged(
    audit,
    "Activity",
    plan.updated.map((u) => u.id),
  );
  for (const { id, row, values } of plan.updated) {
    const before = stored.activities.get(externalKey(row.input.externalId))!;
    events.push({
      activityId: id,
      action: ActivityAction.UPDATE,
      comment: changes(values, before),
    });
    await activities.update({ id }, values.activity);
    if (values.crew) {
      await participations.delete({ activityId: id });
      if (values.crew.length) await participations.insert(rowsOf(id, values.crew));
    }
    if (values.service)
      await applyService(
        tx,
        { id, externalId: row.input.externalId, heldOn: values.activity.heldOn },
        values.service,
        audit,
      );
  }
  if (!plan.created.length) {
    await recordEvents(tx, ActivityEvent, audit, events);
    return [];
  }
  const saved = await insertWithIds(
    tx,
    Activity,
    districtCode,
    // Object.assign rather than a spread: see recordEvents.
    plan.created.map(({ row, values }) =>
      Object.assign({}, values.activity, { districtCode, externalId: row.input.externalId }),
    ),
  );
  noteChanged(
    audit,
    "Activity",
    saved.map((a) => a.id),
  );
  const crewRows = plan.created.flatMap(({ values }, i) => rowsOf(saved[i].id, values.crew));
  await insertRows(tx, Participation, crewRows);
  for (const [i, { values }] of plan.created.entries()) {
    if (values.service) await applyService(tx, saved[i], values.service, audit);
    events.push({ activityId: saved[i].id, action: ActivityAction.PUBLISH, comment: "published" });
  }
  await recordEvents(tx, ActivityEvent, audit, events);
  return saved.map((a) => a.id);
}
