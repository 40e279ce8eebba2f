// Districts publish the activities held at their stations or online, with each volunteer's hours:
// idempotent upsert keyed by (district, externalId). Fees are refused (volunteer service is free,
// DOMAIN.md rule 4) and every participant is verified with corps (rule 3) or the row is refused.
// Check (each row, then its participants with corps) → plan (publish-activities.plan.ts) → write.
import type { DataSource, EntityManager } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import type { Logger } from "../../../runtime/log";
import { Activity } from "../entities/activity.entity";
import { Participation } from "../entities/participation.entity";
import type { ActivityInput } from "../inputs/activity.input";
import { Batch, planAndWrite, readWithStations, type Row } from "./batch";
import { crewsOf } from "./participations";
import {
  planActivities,
  type ActivityChange,
  type ActivityPlan,
  type StoredActivities,
} from "./publish-activities.plan";
import { checkParticipants } from "./volunteer-check.service";

export async function publishActivities(
  db: DataSource,
  config: HubConfig,
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
    write: (tx, plan) => writeActivities(tx, districtCode, plan),
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
  const crews = await crewsOf(
    tx,
    [...stored.values()].map((a) => a.id),
  );
  return { activities: stored, stations, crews };
}

/** Updates in batch order (replacing a changed crew), then the new activities with their crews. */
async function writeActivities(tx: EntityManager, districtCode: string, plan: ActivityPlan) {
  const activities = tx.getRepository(Activity);
  const participations = tx.getRepository(Participation);
  const rowsOf = (activityId: number, crew: ActivityChange["crew"]) =>
    (crew ?? []).map((p) => ({ activityId, ...p, verified: true }));
  for (const { id, values } of plan.updated) {
    await activities.update({ id }, values.activity);
    if (values.crew) {
      await participations.delete({ activityId: id });
      if (values.crew.length) await participations.insert(rowsOf(id, values.crew));
    }
  }
  if (!plan.created.length) return;
  const saved = await activities.save(
    plan.created.map(({ row, values }) =>
      activities.create({ ...values.activity, districtCode, externalId: row.input.externalId }),
    ),
    { chunk: 200 },
  );
  const crewRows = plan.created.flatMap(({ values }, i) => rowsOf(saved[i].id, values.crew));
  if (crewRows.length) await participations.save(participations.create(crewRows), { chunk: 200 });
}
