// setMentors: replaces a platform's mentor group (创业导师团) in one transaction. Every volunteer
// named must exist and be APPOINTED in corps (one batched check through the gateway); otherwise
// the request is refused naming each refused id, and the group stays as it was.
import type { DataSource, EntityManager } from "typeorm";
import { In } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import type { HubConfig } from "../../../runtime/config";
import { badInput, conflict } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import type { Audit } from "../../shared/audit";
import { rowId } from "../../shared/ids";
import { ServiceUnavailable } from "../../shared/service-client";
import { Mentor } from "../entities/mentor.entity";
import { Platform } from "../entities/platform.entity";
import { PlatformAction } from "../vocabulary";
import { assertPlatformWriter } from "./access";
import { assertWritable, WRITABLE_IN } from "./lifecycle";
import {
  distinctIds,
  fetchMentorStandings,
  refusalMessage,
  refusedMentors,
  type MentorStanding,
} from "./mentor-check.service";
import { findPlatform, recordEvent } from "./platform-writes";

/** The largest mentor group a platform keeps (the check then needs one request to corps). */
export const MAX_MENTORS = 100;

/** What replacing `current` by `wanted` adds and removes, both in id order. */
export function mentorChanges(current: readonly number[], wanted: readonly number[]) {
  const before = new Set(current);
  const after = new Set(wanted);
  const byId = (a: number, b: number) => a - b;
  return {
    added: wanted.filter((id) => !before.has(id)).sort(byId),
    removed: current.filter((id) => !after.has(id)).sort(byId),
  };
}

export async function setMentors(
  db: DataSource,
  config: HubConfig,
  caller: Caller,
  audit: Audit,
  platformId: string,
  volunteerIds: readonly string[],
): Promise<Platform> {
  assertPlatformWriter(caller, platformId);
  const platform = await findPlatform(db, platformId);
  assertWritable("set the mentors of", platform.id, platform.status);
  const ids = distinctIds(volunteerIds);
  if (ids.length > MAX_MENTORS) {
    throw badInput(
      `a mentor group has at most ${MAX_MENTORS} volunteers; this names ${ids.length}`,
    );
  }
  await checkMentors(config, ids);
  const wanted = ids.map(Number);
  return db.transaction((tx) => replaceMentors(tx, audit, platform.id, wanted));
}

/** Refuses the list unless every volunteer exists and is APPOINTED: one request to corps. */
async function checkMentors(config: HubConfig, ids: readonly string[]): Promise<void> {
  const asked = ids.filter((id) => rowId(id) !== null);
  let standings = new Map<string, MentorStanding | null>();
  if (asked.length) {
    try {
      standings = await fetchMentorStandings(config, asked);
    } catch (error) {
      if (!(error instanceof ServiceUnavailable)) throw error;
      throw conflict(
        `cannot check the volunteers with the corps right now (${error.message}); the mentor group is unchanged, try again later`,
      );
    }
  }
  const refused = refusedMentors(ids, standings);
  if (refused.length) {
    throw badInput(refusalMessage(ids.length, refused), { refused });
  }
}

/** Inside the transaction: the platform's group becomes `wanted`, with one event if it changed. */
async function replaceMentors(
  tx: EntityManager,
  audit: Audit,
  platformId: number,
  wanted: readonly number[],
): Promise<Platform> {
  // Taking the row first (its version bumped, its status still allowing a group) serialises two
  // replacements of one group and refuses one that raced a revocation.
  const statuses = [...WRITABLE_IN["set the mentors of"]];
  const locked = await tx
    .createQueryBuilder()
    .update(Platform)
    .set({ version: () => "version + 1" })
    .where("id = :id AND status IN (:...statuses)", { id: platformId, statuses })
    .execute();
  if (locked.affected !== 1) {
    const now = await findPlatform(tx, platformId);
    assertWritable("set the mentors of", now.id, now.status);
    throw conflict(`platform ${platformId} was changed meanwhile; read it again and retry`);
  }
  const fresh = await tx.getRepository(Platform).findOneByOrFail({ id: platformId });
  const repo = tx.getRepository(Mentor);
  const current = (await repo.find({ where: { platformId } })).map((m) => m.volunteerId);
  const { added, removed } = mentorChanges(current, wanted);
  if (removed.length) await repo.delete({ platformId, volunteerId: In(removed) });
  if (added.length) {
    const since = today();
    await repo.insert(added.map((volunteerId) => ({ platformId, volunteerId, since })));
  }
  if (added.length || removed.length) {
    const comment = [
      added.length ? `added ${added.join(", ")}` : "",
      removed.length ? `removed ${removed.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    await recordEvent(
      tx,
      audit,
      platformId,
      PlatformAction.SET_MENTORS,
      fresh.status,
      fresh.status,
      comment,
    );
  }
  return fresh;
}
