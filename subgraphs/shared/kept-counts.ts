// Counts kept in the transaction of the writes they summarise (the districts' dashboard rollups,
// subgraphs/districts/services/rollups.ts; the corps' volunteer counts,
// subgraphs/corps/services/volunteer-counts.ts): a write reads the cells of the rows it touches
// before and after (locking reads on MySQL, so that nothing committed meanwhile is missed), and
// adds the difference with atomic increments (INSERT ... ON DUPLICATE KEY / ON CONFLICT), keys
// in a fixed order.
import type { DataSource, EntityManager } from "typeorm";
import { isMysql, num } from "./db";

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
  db: DataSource,
  pairs: ReadonlyArray<readonly [kept: string, from: string]>,
): Promise<boolean> {
  const some = (from: string) => `(SELECT COUNT(*) FROM (SELECT 1 FROM ${from} LIMIT 1) x)`;
  const [row]: Array<Record<string, unknown>> = await db.query(
    `SELECT ${pairs.map(([kept, from], i) => `${some(from)} - ${some(kept)} AS m${i}`).join(", ")}`,
  );
  return Object.values(row).some((missing) => num(missing) > 0);
}
