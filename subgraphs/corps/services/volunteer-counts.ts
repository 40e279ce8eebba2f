// The corps' figures kept as counts (volunteer_count: branch × status × expert type → volunteers),
// kept in the transaction of every write that changes a volunteer's branch, status or expert type,
// as the districts keep their dashboard rollups (subgraphs/districts/services/rollups.ts): a write
// reads the cells of the volunteers it touches before and after (locking reads on MySQL, so that
// nothing committed meanwhile is missed) and adds the difference with atomic increments
// (INSERT ... ON DUPLICATE KEY / ON CONFLICT), in key order. `rebuildVolunteerCounts` builds the
// table from the rows (the migration, seeds, the benchmark's data set, a start beside none).
import type { DataSource, EntityManager } from "typeorm";
import { isMysql, num } from "../../shared/db";

type Db = DataSource | EntityManager;

const dbOf = (db: Db): DataSource => ("connection" in db ? db.connection : db);
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** One volunteer's cell of volunteer_count. */
export interface VolunteerCell {
  branchId: number;
  status: string;
  expertType: string;
}

/** The cells of these volunteers as stored now (within the transaction; locking on MySQL). */
export async function volunteerCells(tx: Db, ids: readonly number[]): Promise<VolunteerCell[]> {
  if (!ids.length) return [];
  const rows: Array<Record<string, unknown>> = await tx.query(
    `SELECT branchId, status, expertType FROM volunteer WHERE id IN (${placeholders(ids.length)})${
      isMysql(dbOf(tx)) ? " FOR UPDATE" : ""
    }`,
    [...ids],
  );
  return rows.map((r) => ({
    branchId: num(r.branchId),
    status: String(r.status),
    expertType: String(r.expertType),
  }));
}

/** after − before per cell, the cells sorted (a fixed lock order), zero changes left out. */
function difference(before: readonly VolunteerCell[], after: readonly VolunteerCell[]) {
  const delta = new Map<string, { cell: VolunteerCell; n: number }>();
  const add = (cell: VolunteerCell, sign: number) => {
    // Sorted as text: branch ids padded, so that the order is the primary key's.
    const key = [String(cell.branchId).padStart(10, "0"), cell.status, cell.expertType].join(
      "\u0000",
    );
    const row = delta.get(key) ?? { cell, n: 0 };
    row.n += sign;
    delta.set(key, row);
  };
  for (const cell of before) add(cell, -1);
  for (const cell of after) add(cell, 1);
  return [...delta]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row)
    .filter((row) => row.n !== 0);
}

/** Applies what a write changed in these volunteers' cells to volunteer_count. */
export async function applyVolunteerCells(
  tx: Db,
  before: readonly VolunteerCell[],
  after: readonly VolunteerCell[],
) {
  const rows = difference(before, after);
  if (!rows.length) return;
  const update = isMysql(dbOf(tx))
    ? "ON DUPLICATE KEY UPDATE `n` = `n` + VALUES(`n`)"
    : 'ON CONFLICT ("branchId", "status", "expertType") DO UPDATE SET "n" = "n" + excluded."n"';
  await tx.query(
    `INSERT INTO \`volunteer_count\` (\`branchId\`, \`status\`, \`expertType\`, \`n\`)
     VALUES ${rows.map(() => "(?, ?, ?, ?)").join(", ")} ${update}`,
    rows.flatMap(({ cell, n }) => [cell.branchId, cell.status, cell.expertType, n]),
  );
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
export async function ensureVolunteerCounts(db: DataSource) {
  const [row]: Array<{ counted: unknown; raw: unknown }> = await db.query(
    "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM volunteer_count LIMIT 1) c) AS counted, (SELECT COUNT(*) FROM (SELECT 1 FROM volunteer LIMIT 1) v) AS raw",
  );
  if (num(row.counted) === 0 && num(row.raw) > 0) await rebuildVolunteerCounts(db);
}
