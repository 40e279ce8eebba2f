// Filtering the platforms on mentorRequirementMet. The requirement depends on the mentors' status,
// which lives in corps and changes there (a suspension) without platforms hearing of it, so no
// stored copy could be trusted. Instead the filter decides, at query time, for every platform that
// matches the other filters:
//   1. in SQL (one GROUP BY): a kind without a minimum is met, a group smaller than its minimum is
//      not met, whatever the mentors' status;
//   2. only the platforms left (enough mentors, minimum > 0) need the status: their mentors' ids
//      come in one query, their status from corps in one gateway request per 1,000 volunteers;
// then pages over the matching ids, so totalCount and cursors are exact.
import { In, type DataSource, type SelectQueryBuilder } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { conflict } from "../../../runtime/errors";
import { num } from "../../shared/db";
import { ServiceUnavailable } from "../../shared/service-client";
import { VolunteerStatus } from "../../shared/vocabulary";
import { Mentor } from "../entities/mentor.entity";
import type { Platform } from "../entities/platform.entity";
import type { PlatformKind } from "../vocabulary";
import { fetchMentorStandings } from "./mentor-check.service";
import { requiredMentors } from "./mentor-rule.service";

export interface GroupSize {
  id: number;
  kind: PlatformKind;
  mentors: number;
}

/** Step 1: met, not met, or undecided until the mentors' status is known (null). */
export function decidedByCount(group: GroupSize): boolean | null {
  const minimum = requiredMentors(group.kind);
  if (minimum === 0) return true;
  if (group.mentors < minimum) return false;
  return null;
}

/** Step 2: whether enough of the platform's mentors are APPOINTED (unknown ones are not). */
export function metByStatus(
  kind: PlatformKind,
  mentorIds: readonly number[],
  status: ReadonlyMap<string, string | null>,
): boolean {
  const appointed = mentorIds.filter((id) => status.get(String(id)) === VolunteerStatus.APPOINTED);
  return appointed.length >= requiredMentors(kind);
}

const CHUNK = 1000;

/**
 * The ids, in id order, of the platforms `filtered` selects whose mentor requirement is `wanted`.
 * `filtered` is a query builder on platform "p" with the other filters applied.
 */
export async function idsByRequirement(
  db: DataSource,
  config: HubConfig,
  filtered: SelectQueryBuilder<Platform>,
  wanted: boolean,
): Promise<number[]> {
  const rows: Array<{ id: unknown; kind: PlatformKind; mentors: unknown }> = await filtered
    .select("p.id", "id")
    .addSelect("p.kind", "kind")
    .addSelect("COUNT(m.volunteerId)", "mentors")
    .leftJoin(Mentor, "m", "m.platformId = p.id")
    .groupBy("p.id")
    .addGroupBy("p.kind")
    .orderBy("p.id", "ASC")
    .getRawMany();
  const groups = rows.map((r) => ({ id: num(r.id), kind: r.kind, mentors: num(r.mentors) }));
  const decided = new Map(groups.map((g) => [g.id, decidedByCount(g)]));
  const open = groups.filter((g) => decided.get(g.id) === null);
  if (open.length) {
    const members = new Map<number, number[]>(open.map((g) => [g.id, []]));
    for (let i = 0; i < open.length; i += CHUNK) {
      const mentors = await db.getRepository(Mentor).find({
        where: { platformId: In(open.slice(i, i + CHUNK).map((g) => g.id)) },
        select: { platformId: true, volunteerId: true },
      });
      for (const m of mentors) members.get(m.platformId)!.push(m.volunteerId);
    }
    const volunteerIds = [...new Set([...members.values()].flat())].map(String);
    let standings;
    try {
      standings = await fetchMentorStandings(config, volunteerIds);
    } catch (error) {
      if (!(error instanceof ServiceUnavailable)) throw error;
      throw conflict(
        `cannot filter on mentorRequirementMet right now: the mentors' status comes from the corps, which does not answer (${error.message}); ask without that filter or try again later`,
      );
    }
    const status = new Map([...standings].map(([id, s]) => [id, s?.status ?? null]));
    for (const g of open) decided.set(g.id, metByStatus(g.kind, members.get(g.id)!, status));
  }
  return groups.filter((g) => decided.get(g.id) === wanted).map((g) => g.id);
}
