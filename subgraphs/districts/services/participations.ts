// The participation rows recorded for stored activities: read for the participant check (who was
// already verified) and for the plan (whose crew changed).
import { In, type DataSource, type EntityManager } from "typeorm";
import { grouped } from "../../shared/loader-helpers";
import { Activity } from "../entities/activity.entity";
import { Participation } from "../entities/participation.entity";
import { findByExternalIds } from "./batch";

/** The participations of each activity id (empty when none): one query, none without ids. */
export async function crewsOf(
  db: DataSource | EntityManager,
  activityIds: number[],
): Promise<Map<number, Participation[]>> {
  const rows = activityIds.length
    ? await db.getRepository(Participation).findBy({ activityId: In(activityIds) })
    : [];
  const crews = grouped(activityIds, rows, (p) => p.activityId);
  return new Map(activityIds.map((id, i) => [id, crews[i]]));
}

/** Who is recorded for a stored activity, and on which date. */
export interface Recorded {
  heldOn: string;
  volunteerIds: Set<string>;
}

/** Stored activities of the batch, by externalKey, with the volunteers recorded (two queries). */
export async function recordedParticipants(
  db: DataSource,
  districtCode: string,
  externalIds: string[],
): Promise<Map<string, Recorded>> {
  const activities = await findByExternalIds(db.getRepository(Activity), districtCode, externalIds);
  const crews = await crewsOf(
    db,
    [...activities.values()].map((a) => a.id),
  );
  const result = new Map<string, Recorded>();
  for (const [key, activity] of activities) {
    const volunteerIds = new Set(crews.get(activity.id)!.map((p) => String(p.volunteerId)));
    result.set(key, { heldOn: activity.heldOn, volunteerIds });
  }
  return result;
}
