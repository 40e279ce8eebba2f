// The one way a platform row changes: an optimistic update (conditional on the version that was
// read, bumped by every write) together with its audit event, in the caller's transaction. The
// same update sets the platform's live keys (services/live-keys.ts) for the state it leaves it in.
import type { DataSource, EntityManager } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { conflict, notFound } from "../../../runtime/errors";
import { rowId } from "../../shared/ids";
import { PlatformEvent } from "../entities/platform-event.entity";
import { Platform } from "../entities/platform.entity";
import type { PlatformAction, PlatformStatus } from "../vocabulary";
import { liveKeys } from "./live-keys";

export async function findPlatform(db: DataSource | EntityManager, id: string | number) {
  const key = typeof id === "number" ? id : rowId(id);
  const platform = key === null ? null : await db.getRepository(Platform).findOneBy({ id: key });
  if (!platform) throw notFound(`platform ${id} does not exist`);
  return platform;
}

export interface Change {
  action: PlatformAction;
  /** The status after; the platform's own when only details change. */
  to?: PlatformStatus;
  columns?: Partial<Platform>;
  comment: string | null;
}

/**
 * Writes `change` to the platform as it was read, or refuses with CONFLICT when anyone wrote it in
 * between (the UPDATE is conditional on the version read); then records the audit event. A unique
 * violation on the live keys is the caller's to answer (live-platforms.service claimingLiveKeys).
 */
export async function writePlatform(
  tx: EntityManager,
  caller: Caller,
  platform: Platform,
  change: Change,
): Promise<Platform> {
  const to = change.to ?? platform.status;
  const columns = { ...change.columns, status: to };
  const result = await tx
    .createQueryBuilder()
    .update(Platform)
    .set({ ...columns, ...liveKeys({ ...platform, ...columns }), version: () => "version + 1" })
    .where("id = :id AND version = :version", { id: platform.id, version: platform.version })
    .execute();
  if (result.affected !== 1) {
    throw conflict(
      `platform ${platform.id} was changed by someone else meanwhile; read it again and retry`,
    );
  }
  await recordEvent(tx, caller, platform.id, change.action, platform.status, to, change.comment);
  return tx.getRepository(Platform).findOneByOrFail({ id: platform.id });
}

export function recordEvent(
  tx: EntityManager,
  caller: Caller,
  platformId: number,
  action: PlatformAction,
  fromStatus: PlatformStatus | null,
  toStatus: PlatformStatus,
  comment: string | null,
) {
  return tx.getRepository(PlatformEvent).insert({
    // Written from here, in UTC: a database default would follow the session time zone.
    at: new Date(),
    platformId,
    actor: caller.sub,
    action,
    fromStatus,
    toStatus,
    comment: comment?.slice(0, 1000) ?? null,
  });
}
