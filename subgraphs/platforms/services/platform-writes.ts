// The one way a platform row changes: an optimistic update (conditional on the version that was
// read, bumped by every write) together with its audit event, in the caller's transaction. The
// same update sets the platform's live keys (services/live-keys.ts) for the state it leaves it in.
import type { DataSource, EntityManager } from "typeorm";
import { notFound } from "../../../runtime/errors";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { rowId } from "../../shared/ids";
import { PlatformEvent } from "../entities/platform-event.entity";
import { Platform } from "../entities/platform.entity";
import type { PlatformAction, PlatformStatus } from "../vocabulary";
import { TRANSITIONS, type Transition } from "./lifecycle";
import { liveKeys } from "./live-keys";

export async function findPlatform(db: DataSource | EntityManager, id: string | number) {
  const key = typeof id === "number" ? id : rowId(id);
  const platform = key === null ? null : await db.getRepository(Platform).findOneBy({ id: key });
  if (!platform) throw notFound(`platform ${id} does not exist`);
  return platform;
}

export interface Change {
  /** The move of the lifecycle (services/lifecycle.ts). */
  move: Transition;
  columns?: Partial<Platform>;
  comment: string | null;
}

/**
 * Writes `change` to the platform as it was read, or refuses with CONFLICT when anyone wrote it in
 * between (the UPDATE is conditional on the version read, and bumps it), with its audit event
 * (shared/audit.ts). A unique violation on the live keys is the caller's to answer
 * (live-platforms.service claimingLiveKeys).
 */
export function writePlatform(
  tx: EntityManager,
  audit: Audit,
  platform: Platform,
  change: Change,
): Promise<Platform> {
  const columns = { ...change.columns, status: TRANSITIONS[change.move].to };
  return transition(tx, Platform, {
    row: platform,
    subject: `platform ${platform.id}`,
    move: { table: TRANSITIONS, name: change.move },
    guard: ["version"],
    set: { ...columns, ...liveKeys({ ...platform, ...columns }) },
    event: { entity: PlatformEvent, values: { platformId: platform.id } },
    audit,
    comment: change.comment,
  });
}

/** A platform event of a change that is not a move: its application, its mentor group. */
export function recordEvent(
  tx: EntityManager,
  audit: Audit,
  platformId: number,
  action: PlatformAction,
  fromStatus: PlatformStatus | null,
  toStatus: PlatformStatus,
  comment: string | null,
) {
  return recordEvents(tx, PlatformEvent, audit, [
    { platformId, action, fromStatus, toStatus, comment },
  ]);
}
