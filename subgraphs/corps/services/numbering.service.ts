// Human-readable document numbers, <PREFIX>-<year>-<6-digit sequence>, from one counter row per
// series (number_counter). The row is created the first time a series is used, from the largest
// number already stored (numbers issued before counters existed, the demo's), outside any
// transaction; every number is then taken inside the writing transaction by incrementing the row,
// which holds its lock until commit. Concurrent writers queue on that lock instead of reading the
// same MAX() and colliding on the unique index (10 of 20 concurrent appointments refused on
// MySQL), and a rolled-back write gives its number back: no gaps, no repeats.
import type { DataSource, EntityManager } from "typeorm";
import { conflict } from "../../../runtime/errors";
import { NumberCounter } from "../entities/number-counter.entity";

export const LETTER_PREFIX = "SZZYFW";
export const CERTIFICATE_PREFIX = "SZZYFWZM";

export type NumberTarget =
  | { table: "volunteer"; column: "letterNumber" }
  | { table: "certificate"; column: "number" };

/** A series of numbers, ready to take numbers from: its counter row exists. */
export interface Series {
  stem: string;
  prefix: string;
  year: string;
}

/** The largest sequence number stored in the documents of a series; 0 when there are none. */
async function largestStored(db: DataSource, target: NumberTarget, stem: string) {
  const row: { last: string | null } | undefined = await db
    .createQueryBuilder()
    .select(`MAX(t.${target.column})`, "last")
    .from(target.table, "t")
    .where(`t.${target.column} LIKE :pattern`, { pattern: `${stem}%` })
    .getRawOne();
  // Numbers are zero-padded to 6 digits, so the largest string is the largest number.
  const last = row?.last ? Number(String(row.last).slice(stem.length)) : 0;
  return Number.isFinite(last) ? last : 0;
}

/**
 * Makes sure the series' counter row exists; call it before the writing transaction. Creating
 * the row reads the largest stored number without locking, and a concurrent creator's row wins
 * (INSERT ... ignoring duplicates): both read the same stored numbers, as no number of the series
 * can be taken before its row exists.
 */
export async function openSeries(
  db: DataSource,
  target: NumberTarget,
  prefix: string,
  year: string,
): Promise<Series> {
  const stem = `${prefix}-${year}-`;
  const name = `${prefix}-${year}`;
  const counters = db.getRepository(NumberCounter);
  if (!(await counters.existsBy({ series: name }))) {
    await counters
      .createQueryBuilder()
      .insert()
      .values({ series: name, value: await largestStored(db, target, stem) })
      .orIgnore()
      .execute();
  }
  return { stem, prefix, year };
}

/** Takes the series' next number inside the writing transaction (the row stays locked). */
export async function nextNumber(tx: EntityManager, series: Series): Promise<string> {
  const name = `${series.prefix}-${series.year}`;
  const result = await tx
    .createQueryBuilder()
    .update(NumberCounter)
    .set({ value: () => "value + 1" })
    .where("series = :name", { name })
    .execute();
  if (result.affected !== 1) throw new Error(`number series ${name} has no counter row`);
  const { value } = await tx.getRepository(NumberCounter).findOneByOrFail({ series: name });
  if (value > 999_999)
    throw conflict(`the ${series.prefix} numbers of ${series.year} are exhausted`);
  return `${series.stem}${String(value).padStart(6, "0")}`;
}
