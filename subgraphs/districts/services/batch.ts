// The shape every batch publish shares: at most MAX_BATCH rows, each validated on its own, an
// externalId used once per batch, and a result that counts what happened to every row.
import { validateSync } from "class-validator";
import type { EntityManager, Repository } from "typeorm";
import { Station } from "../entities/station.entity";
import { StationStatus } from "../vocabulary";
import { isMysql } from "../../shared/db";
import { badInput } from "../../../runtime/errors";
import { describeValidation } from "../../shared/format-error";
import { isDistrictCode } from "../../shared/vocabulary";
import type { PublishResult } from "../types/publish-result";

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
      trimStrings(input);
      const problems = describeValidation(validateSync(input));
      const first = seen.get(externalKey(input.externalId));
      if (first !== undefined)
        problems.push(
          `externalId ${input.externalId} appears twice in this batch (rows ${first} and ${index})`,
        );
      else seen.set(externalKey(input.externalId), index);
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

/** Surrounding spaces are never meant: trim every string field (and nested ones) before checks. */
function trimStrings(value: unknown) {
  if (!value || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if (typeof field === "string") record[key] = field.trim();
    else if (Array.isArray(field)) field.forEach(trimStrings);
  }
}

/**
 * External ids are compared without regard to case: MySQL's collation does so anyway, and two ids
 * that differ only in case are a typing slip, not two records. The first spelling is kept.
 */
export const externalKey = (id: string) => id.toLowerCase();

/** Stored rows of one district by external id (any case): one query, keyed by externalKey. */
export async function findByExternalIds<E extends { externalId: string }>(
  repo: Repository<E>,
  districtCode: string,
  externalIds: string[],
): Promise<Map<string, E>> {
  const keys = [...new Set(externalIds.map(externalKey))];
  if (!keys.length) return new Map();
  // MySQL's *_ci collation already compares without case and keeps the (district, externalId)
  // index usable; SQLite compares case-sensitively, so it lowers the stored value.
  const column = isMysql(repo.manager.connection) ? "r.externalId" : "LOWER(r.externalId)";
  const rows = await repo
    .createQueryBuilder("r")
    .where(`r.districtCode = :districtCode AND ${column} IN (:...keys)`, { districtCode, keys })
    .getMany();
  return new Map(rows.map((row) => [externalKey(row.externalId), row]));
}

/**
 * The stations rows name, for demands and activities: a station of the district must exist, and a
 * new row (or one moved to another station) needs a working, FILED station. Returns each row's
 * station id (null where the row names none, e.g. an online activity). One query.
 */
export async function checkStations<T extends { externalId: string }>(
  tx: EntityManager,
  batch: Batch<T>,
  districtCode: string,
  stationOf: (input: T) => string | undefined,
  stored: Map<string, { stationId: number | null }>,
  filedOnly: string,
): Promise<(input: T) => number | null> {
  const keys = batch.rows.map((r) => stationOf(r.input)).filter((k): k is string => Boolean(k));
  const stations = await findByExternalIds(tx.getRepository(Station), districtCode, keys);
  batch.check(({ input }) => {
    const key = stationOf(input);
    if (!key) return null;
    const station = stations.get(externalKey(key));
    if (!station) {
      return `stationExternalId ${key}: no such station in district ${districtCode}; publish the station first`;
    }
    const existing = stored.get(externalKey(input.externalId));
    return (!existing || existing.stationId !== station.id) &&
      station.status !== StationStatus.FILED
      ? `station ${station.externalId} is ${station.status}; ${filedOnly} only at FILED stations`
      : null;
  });
  return (input) => {
    const key = stationOf(input);
    return key ? stations.get(externalKey(key))!.id : null;
  };
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
