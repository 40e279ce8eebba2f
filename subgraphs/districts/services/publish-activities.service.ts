// Districts publish the activities held at their stations or online, with each volunteer's hours:
// idempotent upsert keyed by (district, externalId). Fees are refused (volunteer service is free,
// DOMAIN.md rule 4) and every participant is verified with corps (rule 3) or the row is refused.
import { In, type DataSource } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { today } from "../../../runtime/dates";
import { Activity } from "../entities/activity.entity";
import { Participation } from "../entities/participation.entity";
import type { ActivityInput } from "../inputs/activity.input";
import { Batch, checkStations, externalKey, findByExternalIds, sameValues } from "./batch";
import { grouped } from "../../shared/loader-helpers";
import { fetchStandings, participantProblem, ServiceUnavailable } from "./volunteer-check.service";

const crew = (rows: Array<{ volunteerId: number | string; hours: number }>) =>
  rows
    .map((p) => `${Number(p.volunteerId)}:${Number(p.hours)}`)
    .sort()
    .join(",");

export async function publishActivities(
  db: DataSource,
  config: HubConfig,
  districtCode: string,
  rows: ActivityInput[],
) {
  const batch = new Batch(districtCode, rows, "activities");
  const now = today();
  batch.check(({ input }) =>
    (input.feeCharged ?? 0) !== 0
      ? `feeCharged ${input.feeCharged}: volunteer service is free; an activity that charges a fee cannot be published`
      : null,
  );
  batch.check(({ input }) =>
    input.heldOn > now
      ? `heldOn ${input.heldOn} is in the future; publish activities once held`
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

  // Participants already recorded for the same activity on the same date were verified when they
  // were first published: re-sending or correcting a row does not ask corps about them again.
  const known = await recordedParticipants(
    db,
    districtCode,
    batch.rows.map((r) => r.input.externalId),
  );
  const toVerify = (input: ActivityInput) => {
    const recorded = known.get(externalKey(input.externalId));
    return input.participants.filter(
      (p) =>
        !(recorded && recorded.heldOn === input.heldOn && recorded.volunteerIds.has(p.volunteerId)),
    );
  };
  // Ask corps once for every other participant of the batch; if it cannot answer, refuse those rows.
  try {
    const standings = await fetchStandings(
      config,
      batch.rows.flatMap((r) => toVerify(r.input).map((p) => p.volunteerId)),
    );
    batch.check(
      ({ input }) =>
        toVerify(input)
          .map((p) => participantProblem(p.volunteerId, input.heldOn, standings.get(p.volunteerId)))
          .filter(Boolean)
          .join("; ") || null,
    );
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    console.warn(`[districts] volunteer check failed: ${error.message}`);
    batch.check(({ input }) =>
      toVerify(input).length
        ? "cannot verify volunteers now (the corps service is unreachable); send this row again later"
        : null,
    );
  }
  if (!batch.rows.length) return batch.finish();

  await db.transaction(async (tx) => {
    const repo = tx.getRepository(Activity);
    const byExternalId = await findByExternalIds(
      repo,
      districtCode,
      batch.rows.map((r) => r.input.externalId),
    );
    const stationId = await checkStations(
      tx,
      batch,
      districtCode,
      (input) => input.stationExternalId,
      byExternalId,
      "activities are held",
    );
    const stored = [...byExternalId.values()];
    const storedCrew = stored.length
      ? await tx.getRepository(Participation).findBy({ activityId: In(stored.map((a) => a.id)) })
      : [];
    const storedIds = stored.map((a) => a.id);
    const crews = grouped(storedIds, storedCrew, (p) => p.activityId);
    const crewOf = new Map(storedIds.map((id, i) => [id, crews[i]]));
    const participations = tx.getRepository(Participation);
    const fresh: Array<{ activity: Activity; input: ActivityInput }> = [];
    for (const { input } of batch.rows) {
      const next = {
        stationId: stationId(input),
        type: input.type,
        category: input.category,
        title: input.title.trim(),
        heldOn: input.heldOn,
        feeCharged: 0,
        enterprisesServed: input.enterprisesServed,
      };
      const existing = byExternalId.get(externalKey(input.externalId));
      if (!existing) {
        fresh.push({
          activity: repo.create({ ...next, districtCode, externalId: input.externalId }),
          input,
        });
        continue;
      }
      const sameCrew = crew(crewOf.get(existing.id) ?? []) === crew(input.participants);
      if (sameCrew && sameValues(next, existing as never)) {
        batch.result.unchanged += 1;
        continue;
      }
      await repo.update({ id: existing.id }, next);
      if (!sameCrew) {
        await participations.delete({ activityId: existing.id });
        if (input.participants.length)
          await participations.insert(
            input.participants.map((p) => ({
              activityId: existing.id,
              volunteerId: Number(p.volunteerId),
              hours: p.hours,
              verified: true,
            })),
          );
      }
      batch.result.updated += 1;
    }
    if (fresh.length) {
      const saved = await repo.save(
        fresh.map((f) => f.activity),
        { chunk: 200 },
      );
      const crewRows = fresh.flatMap((f, i) =>
        f.input.participants.map((p) => ({
          activityId: saved[i].id,
          volunteerId: Number(p.volunteerId),
          hours: p.hours,
          verified: true,
        })),
      );
      if (crewRows.length)
        await participations.save(participations.create(crewRows), { chunk: 200 });
      batch.result.created = saved.length;
    }
  });
  return batch.finish();
}

/** Stored activities of the batch with the volunteers recorded for them (two queries). */
async function recordedParticipants(db: DataSource, districtCode: string, externalIds: string[]) {
  const activities = await findByExternalIds(db.getRepository(Activity), districtCode, externalIds);
  const ids = [...activities.values()].map((a) => a.id);
  const crew = ids.length
    ? await db.getRepository(Participation).findBy({ activityId: In(ids) })
    : [];
  const crews = grouped(ids, crew, (p) => p.activityId);
  const result = new Map<string, { heldOn: string; volunteerIds: Set<string> }>();
  [...activities].forEach(([key, activity], i) => {
    result.set(key, {
      heldOn: activity.heldOn,
      volunteerIds: new Set(crews[i].map((p) => String(p.volunteerId))),
    });
  });
  return result;
}
