// Counts kept in the transaction of the writes they summarise (the districts' dashboard rollups,
// subgraphs/districts/services/rollups.ts; the corps' volunteer counts,
// subgraphs/corps/services/volunteer-counts.ts): a write reads the cells of the rows it touches
// before and after (locking reads on MySQL, so that nothing committed meanwhile is missed), and
// adds the difference with atomic increments (INSERT ... ON DUPLICATE KEY / ON CONFLICT), keys
// in a fixed order.
import type { DataSource, EntityManager } from "typeorm";
import { isMysql, num, oneAtATimeOnSqlite } from "./db";
import { isDeadlock } from "./unique-violation";

export type Db = DataSource | EntityManager;

export const dbOf = (db: Db): DataSource => ("connection" in db ? db.connection : db);
/** " FOR UPDATE" on MySQL/MariaDB (SQLite has one writer at a time). */
export const lockingRead = (db: Db) => (isMysql(dbOf(db)) ? " FOR UPDATE" : "");
export const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** after − before per rollup key, the keys sorted (a fixed lock order), zero changes left out. */
export function difference<C extends object>(
  keys: readonly (keyof C)[],
  sums: readonly (keyof C)[],
  before: readonly C[],
  after: readonly C[],
) {
  const delta = new Map<string, Record<string, unknown>>();
  const add = (c: C, sign: number) => {
    const cell = c as Record<keyof C, unknown>;
    const key = keys.map((k) => String(cell[k])).join("\u0000");
    let row = delta.get(key);
    if (!row) {
      row = Object.fromEntries([
        ...keys.map((k) => [k, cell[k]]),
        ...sums.map((k) => [k, 0]),
      ]) as Record<string, unknown>;
      delta.set(key, row);
    }
    for (const k of sums) row[k as string] = (row[k as string] as number) + sign * num(cell[k]);
  };
  for (const cell of before) add(cell, -1);
  for (const cell of after) add(cell, 1);
  return [...delta]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row)
    .filter((row) => sums.some((k) => row[k as string] !== 0));
}

/** Adds rows of differences to a rollup table, creating its rows as needed. */
export async function increment(
  tx: Db,
  table: string,
  keys: readonly string[],
  sums: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
) {
  if (!rows.length) return;
  const columns = [...keys, ...sums];
  const values = rows.map(() => `(${placeholders(columns.length)})`).join(", ");
  const update = isMysql(dbOf(tx))
    ? `ON DUPLICATE KEY UPDATE ${sums.map((s) => `\`${s}\` = \`${s}\` + VALUES(\`${s}\`)`).join(", ")}`
    : `ON CONFLICT (${keys.map((k) => `"${k}"`).join(", ")}) DO UPDATE SET ${sums
        .map((s) => `"${s}" = "${s}" + excluded."${s}"`)
        .join(", ")}`;
  const quoted = columns.map((c) => `\`${c}\``).join(", ");
  await tx.query(
    `INSERT INTO \`${table}\` (${quoted}) VALUES ${values} ${update}`,
    rows.flatMap((row) =>
      columns.map((c) => (typeof row[c] === "boolean" ? (row[c] ? 1 : 0) : row[c])),
    ),
  );
}

/**
 * Whether a kept table is empty beside rows it summarises (a SQLite database synchronised before
 * the table was added): pairs of the kept table and the rows (a table, optionally with WHERE)
 * whose presence means it cannot be empty. One statement.
 */
export async function keptTableMissing(
  db: Db,
  pairs: ReadonlyArray<readonly [kept: string, from: string]>,
): Promise<boolean> {
  const some = (from: string) => `(SELECT COUNT(*) FROM (SELECT 1 FROM ${from} LIMIT 1) x)`;
  const [row]: Array<Record<string, unknown>> = await db.query(
    `SELECT ${pairs.map(([kept, from], i) => `${some(from)} - ${some(kept)} AS m${i}`).join(", ")}`,
  );
  return Object.values(row).some((missing) => num(missing) > 0);
}

/** How long a starting replica waits for another's rebuild of the same kept tables (seconds). */
const REBUILD_LOCK_WAIT_S = 120;

/**
 * Rebuilds kept tables found empty beside their rows (`keptTableMissing`), at start. The check
 * and the rebuild are one transaction, so a reader never sees a table half rebuilt and a failed
 * rebuild leaves it as it was. Two replicas starting at once take turns (MySQL/MariaDB: a named
 * lock per database, `GET_LOCK`; SQLite: one at a time in the process), and the second checks
 * again and finds nothing to do. The rebuild's `INSERT ... SELECT` reads the rows with shared
 * locks (REPEATABLE READ), so a write committed before it is counted and a write after it waits
 * for it. A write that meets it in a deadlock is refused as any deadlock's victim ("nothing was
 * written, try again"); a rebuild that is the victim is tried again, up to three times.
 */
export async function rebuildIfMissing(
  db: DataSource,
  lockName: string,
  pairs: ReadonlyArray<readonly [kept: string, from: string]>,
  rebuild: (tx: EntityManager) => Promise<void>,
): Promise<boolean> {
  if (!(await keptTableMissing(db, pairs))) return false;
  return oneAtATimeOnSqlite(db, () => rebuildUnderLock(db, lockName, pairs, rebuild));
}

async function rebuildUnderLock(
  db: DataSource,
  lockName: string,
  pairs: ReadonlyArray<readonly [kept: string, from: string]>,
  rebuild: (tx: EntityManager) => Promise<void>,
): Promise<boolean> {
  const runner = db.createQueryRunner();
  await runner.connect();
  const mysql = isMysql(db);
  try {
    if (mysql) {
      const [got] = (await runner.query(
        "SELECT GET_LOCK(LEFT(CONCAT(?, '@', DATABASE()), 64), ?) AS got",
        [lockName, REBUILD_LOCK_WAIT_S],
      )) as Array<Record<string, unknown>>;
      if (num(got.got) !== 1)
        throw new Error(
          `${lockName}: another process held the rebuild lock for ${REBUILD_LOCK_WAIT_S} s`,
        );
    }
    for (let attempt = 1; ; attempt++) {
      await runner.startTransaction();
      try {
        const missing = await keptTableMissing(runner.manager, pairs);
        if (missing) await rebuild(runner.manager);
        await runner.commitTransaction();
        return missing;
      } catch (error) {
        await runner.rollbackTransaction();
        if (attempt >= 3 || !isDeadlock(error)) throw error;
      }
    }
  } finally {
    if (mysql)
      await runner
        .query("SELECT RELEASE_LOCK(LEFT(CONCAT(?, '@', DATABASE()), 64))", [lockName])
        .catch(() => undefined);
    await runner.release();
  }
}
