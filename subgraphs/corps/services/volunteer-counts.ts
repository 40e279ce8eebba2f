// The corps' figures kept as counts (volunteer_count: branch × status × expert type → volunteers),
// kept in the transaction of every write that changes a volunteer's branch, status or expert type,
// by the same means as the districts' dashboard rollups (shared/kept-counts.ts: the cells read
// before and after the write, the difference added in key order). `rebuildVolunteerCounts` builds the
// table from the rows (the migration, seeds, the benchmark's data set, a start beside none).
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import {
  difference,
  increment,
  rebuildIfMissing,
  lockingRead,
  placeholders,
  type Db,
} from "../../shared/kept-counts";

/** One volunteer's cell of volunteer_count. */
export interface VolunteerCell {
  branchId: number;
  status: string;
  expertType: string;
  n: number;
}

const KEYS = ["branchId", "status", "expertType"] as const;

/** The cells of these volunteers as stored now (within the transaction; locking on MySQL). */
export async function volunteerCells(tx: Db, ids: readonly number[]): Promise<VolunteerCell[]> {
  if (!ids.length) return [];
  const rows: Array<Record<string, unknown>> = await tx.query(
    `SELECT branchId, status, expertType FROM volunteer WHERE id IN (${placeholders(ids.length)})${lockingRead(tx)}`,
    [...ids],
  );
  return rows.map((r) => ({
    branchId: num(r.branchId),
    status: String(r.status),
    expertType: String(r.expertType),
    n: 1,
  }));
}

/** Applies what a write changed in these volunteers' cells to volunteer_count. */
export async function applyVolunteerCells(
  tx: Db,
  before: readonly VolunteerCell[],
  after: readonly VolunteerCell[],
) {
  const rows = difference<VolunteerCell>(KEYS, ["n"], before, after);
  await increment(tx, "volunteer_count", KEYS, ["n"], rows);
}

/**
 * Runs a write of these volunteers (ids known before; `created` returns the new ones' ids) and
 * keeps volunteer_count. Every write that changes a volunteer's branchId, status or expertType
 * must go through here, or the corps' figures drift from the rows.
 */
export async function trackingVolunteers<T>(
  tx: Db,
  ids: readonly number[],
  write: () => Promise<{ result: T; created: readonly number[] }>,
): Promise<T> {
  const before = await volunteerCells(tx, ids);
  const { result, created } = await write();
  await applyVolunteerCells(tx, before, await volunteerCells(tx, [...ids, ...created]));
  return result;
}

/** Builds volunteer_count from the volunteers (empty or stale counts). */
export async function rebuildVolunteerCounts(db: Db) {
  await db.query("DELETE FROM `volunteer_count`");
  await db.query(
    `INSERT INTO \`volunteer_count\` (\`branchId\`, \`status\`, \`expertType\`, \`n\`)
     SELECT v.branchId, v.status, v.expertType, COUNT(*) FROM volunteer v
     GROUP BY v.branchId, v.status, v.expertType`,
  );
}

/** Counts missing beside volunteers (a SQLite database synchronised after they were added) are built. */
export const ensureVolunteerCounts = (db: DataSource) =>
  rebuildIfMissing(db, "hub.corps.volunteer_count", [["volunteer_count", "volunteer"]], (tx) =>
    rebuildVolunteerCounts(tx),
  );
