// The shape every batch publish shares: at most MAX_BATCH rows, each validated on its own, an
// externalId used once per batch, and a result that counts what happened to every row.
import { validateSync } from "class-validator";
import { badInput, describeValidation } from "../../shared/errors";
import { isDistrictCode } from "../../shared/vocabulary";
import type { PublishResult } from "../entities/publish-result";

export const MAX_BATCH = 1000;

export interface Row<T> {
  index: number;
  input: T;
}

export class Batch<T extends { externalId: string }> {
  readonly result: PublishResult = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  private valid: Array<Row<T>> = [];

  constructor(districtCode: string, rows: T[], kind: string) {
    if (!isDistrictCode(districtCode))
      throw badInput(`districtCode ${districtCode} is not a district of the city`);
    if (rows.length > MAX_BATCH) {
      throw badInput(
        `a batch carries at most ${MAX_BATCH} ${kind}; this one has ${rows.length}: split it`,
      );
    }
    const seen = new Map<string, number>();
    rows.forEach((input, index) => {
      const problems = describeValidation(validateSync(input));
      const first = seen.get(input.externalId);
      if (first !== undefined)
        problems.push(
          `externalId ${input.externalId} appears twice in this batch (rows ${first} and ${index})`,
        );
      else seen.set(input.externalId, index);
      if (problems.length) this.reject({ index, input }, problems.join("; "));
      else this.valid.push({ index, input });
    });
  }

  /** Rows that passed every check so far. */
  get rows(): ReadonlyArray<Row<T>> {
    return this.valid;
  }

  reject(row: Row<T>, message: string) {
    this.valid = this.valid.filter((r) => r !== row);
    this.result.rejected.push({
      index: row.index,
      externalId: row.input.externalId ?? null,
      message,
    });
  }

  /** Applies a check to every remaining row; a returned message rejects the row. */
  check(problem: (row: Row<T>) => string | null | undefined) {
    for (const row of [...this.valid]) {
      const message = problem(row);
      if (message) this.reject(row, message);
    }
  }

  finish(): PublishResult {
    this.result.rejected.sort((a, b) => a.index - b.index);
    return this.result;
  }
}

/** Field-by-field equality of what a row would write and what is stored. */
export function sameValues(
  next: Record<string, unknown>,
  stored: Record<string, unknown>,
): boolean {
  return Object.keys(next).every((key) => {
    const a = next[key];
    const b = stored[key];
    if (Array.isArray(a) && Array.isArray(b)) return a.join(",") === b.join(",");
    return (a ?? null) === (b ?? null);
  });
}
