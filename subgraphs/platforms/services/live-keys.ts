// The keys that let the database itself keep "one live platform per source station, and one per
// name in a district" (docs/platforms.md, "One live platform per name and per station"): a
// platform holds them only while it is live (APPLIED or CERTIFIED) and NULL otherwise, each under
// a unique index. NULLs never collide (MySQL, MariaDB and SQLite alike), so a rejected or revoked
// platform frees its station and its name, and no interleaving of concurrent requests can give two
// live platforms either. Every write of a platform's status, name, district or station sets them
// in the same statement.
import { createHash } from "node:crypto";
import { PlatformStatus } from "../vocabulary";

export const LIVE_STATUSES: readonly PlatformStatus[] = [
  PlatformStatus.APPLIED,
  PlatformStatus.CERTIFIED,
];

export const isLive = (status: PlatformStatus) => LIVE_STATUSES.includes(status);

/**
 * A name as the rule compares names: Unicode NFKC (full-width letters, digits and spaces as their
 * plain forms), runs of white space as one space, trimmed, case folded. "Ａ园 平台" and "a园  平台"
 * are one name.
 */
export const comparableName = (name: string) =>
  name.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();

/**
 * The district and the comparable name as one fixed-length key (hex SHA-256): equal exactly when
 * they are, on every database whatever its collation, and short enough for any index.
 */
export const nameKey = (districtCode: string, name: string) =>
  createHash("sha256")
    .update(`${districtCode}\n${comparableName(name)}`)
    .digest("hex");

export interface LiveKeys {
  liveSourceStationId: number | null;
  liveNameKey: string | null;
}

interface Keyed {
  status: PlatformStatus;
  name: string;
  districtCode: string;
  sourceStationId: number | null;
}

/** The keys a platform in this state holds: its station and name while live, none otherwise. */
export function liveKeys(platform: Keyed): LiveKeys {
  if (!isLive(platform.status)) return { liveSourceStationId: null, liveNameKey: null };
  return {
    liveSourceStationId: platform.sourceStationId,
    liveNameKey: nameKey(platform.districtCode, platform.name),
  };
}

type Query = (sql: string, parameters?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface Unkeyed {
  platformId: number;
  key: "liveSourceStationId" | "liveNameKey";
  /** The live platform that holds the key: older, or keyed before. */
  heldBy: number;
}

/**
 * Gives the live platforms written before the keys existed (the migration that added them; an
 * SQLite file synchronised with the new columns) their keys, oldest first. Where existing data
 * already breaks the rule, the platform that holds the key (keyed before, or else the oldest) keeps
 * it and the later one is left without it, and listed: it stays live, but nothing that keeps it live
 * (a certification, an amendment) is written until the city rejects or revokes one of the two.
 */
export async function keyLivePlatforms(query: Query): Promise<Unkeyed[]> {
  const statuses = LIVE_STATUSES.map(() => "?").join(", ");
  const rows = await query(
    `SELECT id, name, districtCode, sourceStationId, status FROM platform
     WHERE status IN (${statuses})
       AND (liveNameKey IS NULL OR (sourceStationId IS NOT NULL AND liveSourceStationId IS NULL))
     ORDER BY id`,
    [...LIVE_STATUSES],
  );
  const left: Unkeyed[] = [];
  for (const row of rows) {
    const id = Number(row.id);
    const wanted = liveKeys({
      status: row.status as PlatformStatus,
      name: String(row.name),
      districtCode: String(row.districtCode),
      sourceStationId: row.sourceStationId === null ? null : Number(row.sourceStationId),
    });
    for (const key of ["liveSourceStationId", "liveNameKey"] as const) {
      const value = wanted[key];
      if (value === null) continue;
      const [holder] = await query(`SELECT id FROM platform WHERE ${key} = ? AND id <> ?`, [
        value,
        id,
      ]);
      if (holder) left.push({ platformId: id, key, heldBy: Number(holder.id) });
      else await query(`UPDATE platform SET ${key} = ? WHERE id = ?`, [value, id]);
    }
  }
  return left;
}
