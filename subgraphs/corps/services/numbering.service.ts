// Human-readable document numbers, <PREFIX>-<year>-<6-digit sequence>: the next one is the largest
// of that prefix and year plus one, read inside the writing transaction. The column's unique index
// is the guard when two transactions read the same largest number: the loser retries
// (retryOnUniqueViolation).
import type { EntityManager } from "typeorm";
import { conflict } from "../../../runtime/errors";

export const LETTER_PREFIX = "SZZYFW";
export const CERTIFICATE_PREFIX = "SZZYFWZM";

export async function nextNumber(
  tx: EntityManager,
  target:
    | { table: "volunteer"; column: "letterNumber" }
    | { table: "certificate"; column: "number" },
  prefix: string,
  year: string,
): Promise<string> {
  const stem = `${prefix}-${year}-`;
  const row: { last: string | null } | undefined = await tx
    .createQueryBuilder()
    .select(`MAX(t.${target.column})`, "last")
    .from(target.table, "t")
    .where(`t.${target.column} LIKE :pattern`, { pattern: `${stem}%` })
    .getRawOne();
  // Numbers are zero-padded to 6 digits, so the largest string is the largest number.
  const last = row?.last ? Number(String(row.last).slice(stem.length)) : 0;
  const next = (Number.isFinite(last) ? last : 0) + 1;
  if (next > 999_999) throw conflict(`the ${prefix} numbers of ${year} are exhausted`);
  return `${stem}${String(next).padStart(6, "0")}`;
}
