// One station grows into one live platform, and a district has one live platform of a name. The
// checks read the live keys (services/live-keys.ts) and answer early with the platform in the way;
// the unique indexes on the keys decide when two requests race past the checks, and the loser gets
// the same answer as if it had come second.
import type { DataSource, EntityManager } from "typeorm";
import { Not } from "typeorm";
import { conflict } from "../../../runtime/errors";
import { isUniqueViolation } from "../../shared/unique-violation";
import { Platform } from "../entities/platform.entity";
import { nameKey } from "./live-keys";

/** What the rule looks at in a platform about to be live. */
export interface LiveDetails {
  name: string;
  districtCode: string;
  sourceStationId: number | null;
}

const except = (platformId?: number) => (platformId ? { id: Not(platformId) } : {});

/** Refused while another live platform grows from the station. */
export async function assertStationFree(
  db: DataSource | EntityManager,
  stationId: number,
  exceptPlatformId?: number,
) {
  const other = await db.getRepository(Platform).findOne({
    where: { liveSourceStationId: stationId, ...except(exceptPlatformId) },
    select: { id: true, status: true },
  });
  if (other) {
    throw conflict(
      `workstation ${stationId} is already the source of platform ${other.id} (${other.status}); one station grows into one platform`,
      { platformId: String(other.id) },
    );
  }
}

/** Refused while another live platform of the district has the name (compared as comparableName). */
export async function assertNameFree(
  db: DataSource | EntityManager,
  details: LiveDetails,
  exceptPlatformId?: number,
) {
  const other = await db.getRepository(Platform).findOne({
    where: {
      liveNameKey: nameKey(details.districtCode, details.name),
      ...except(exceptPlatformId),
    },
    select: { id: true, name: true, status: true },
  });
  if (other) {
    throw conflict(
      `district ${details.districtCode} already has platform ${other.id} named "${other.name}" (${other.status}); amend that one instead`,
      { platformId: String(other.id) },
    );
  }
}

/**
 * Runs `write`, which makes a platform with `details` live. When a unique index refuses it (another
 * request made a platform of the station or name live since the checks ran, and committed), the
 * answer is that platform's CONFLICT, as the checks give it; nothing was written.
 */
export async function claimingLiveKeys<T>(
  db: DataSource,
  details: LiveDetails,
  platformId: number | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (details.sourceStationId !== null)
      await assertStationFree(db, details.sourceStationId, platformId);
    await assertNameFree(db, details, platformId);
    // The holder has left the station and name again meanwhile: the request may simply be resent.
    throw conflict(
      "another platform took this workstation or name at the same moment and has given it up since; nothing was written, send it again",
    );
  }
}
