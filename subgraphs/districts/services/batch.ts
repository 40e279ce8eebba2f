// The shape every batch publish shares: at most MAX_BATCH rows, each validated on its own, an
// externalId used once per batch, a pure plan of what happens to every row, one transaction that
// writes it, and a result that counts what happened to every row.
import type { DataSource, EntityManager, EntityTarget, Repository } from "typeorm";
import { Station } from "../entities/station.entity";
import { StationStatus } from "../vocabulary";
import { insertRows, isMysql } from "../../shared/db";
import { badInput } from "../../../runtime/errors";
import { describeValidation } from "../../shared/format-error";
import { validateRow, type RowClass } from "../../shared/validation/rows";
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

  /**
   * `rowClass`: the input class whose constraints check each row, for rows that may come as the
   * plain objects GraphQL coerced (validateRow); by default each row's own class.
   */
  constructor(districtCode: string, rows: T[], kind: string, rowClass?: RowClass) {
    if (!isDistrictCode(districtCode))
      throw badInput(`districtCode ${districtCode} is not a district of the city`);
    if (rows.length > MAX_BATCH) {
      throw badInput(
        `a batch carries at most ${MAX_BATCH} ${kind}; this one has ${rows.length}: split it`,
      );
    }
    const seen = new Map<string, number>();
    // Every string of the rows arrives trimmed (textArgs, subgraphs/shared/validation/trim.ts).
    rows.forEach((input, index) => {
      const problems = describeValidation(validateRow(input, rowClass));
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

  /** Takes what a plan decided: its rejections, and the rows it creates, updates or leaves. */
  record(plan: Plan<T, unknown>) {
    for (const { row, message } of plan.rejected) this.reject(row, message);
    this.result.unchanged += plan.unchanged.length;
    this.result.updated += plan.updated.length;
    this.result.created += plan.created.length;
  }

  finish(): PublishResult {
    this.result.rejected.sort((a, b) => a.index - b.index);
    return this.result;
  }
}

/**
 * External ids are compared without regard to case: MySQL's collation does so anyway, and two ids
 * that differ only in case are a typing slip, not two records. The first spelling is kept.
 */
export const externalKey = (id: string) => id.toLowerCase();

/** A query of one district's rows by external id (any case); null when no id is given. */
function byExternalIds<E extends { externalId: string }>(
  repo: Repository<E>,
  districtCode: string,
  externalIds: string[],
) {
  const keys = [...new Set(externalIds.map(externalKey))];
  if (!keys.length) return null;
  // MySQL's *_ci collation already compares without case and keeps the (district, externalId)
  // index usable; SQLite compares case-sensitively, so it lowers the stored value.
  const column = isMysql(repo.manager.connection) ? "r.externalId" : "LOWER(r.externalId)";
  return repo
    .createQueryBuilder("r")
    .where(`r.districtCode = :districtCode AND ${column} IN (:...keys)`, { districtCode, keys });
}

/** Stored rows of one district by external id (any case): one query, keyed by externalKey. */
export async function findByExternalIds<E extends { externalId: string }>(
  repo: Repository<E>,
  districtCode: string,
  externalIds: string[],
): Promise<Map<string, E>> {
  const rows = (await byExternalIds(repo, districtCode, externalIds)?.getMany()) ?? [];
  return new Map(rows.map((row) => [externalKey(row.externalId), row]));
}

/**
 * Inserts a batch's new rows of one district (insertRows: multi-row INSERTs, no read-back of each
 * row), then reads their ids in one indexed query, as plain rows (hydrating 1,000 entities for two
 * columns cost a 1,000-row publish more than the query); returns the rows in order, each with its
 * id. (An INSERT ... SELECT of the audit events would spare the read, but takes shared locks on
 * the rows it reads under REPEATABLE READ: concurrent publishes in one district deadlocked.)
 */
export async function insertWithIds<
  E extends { id: number; externalId: string },
  R extends Partial<E> & { externalId: string },
>(tx: EntityManager, entity: EntityTarget<E>, districtCode: string, rows: R[]) {
  await insertRows(tx, entity, rows);
  const query = byExternalIds(
    tx.getRepository(entity),
    districtCode,
    rows.map((r) => r.externalId),
  );
  const stored: Array<{ id: number | string; externalId: string }> = query
    ? await query.select("r.id", "id").addSelect("r.externalId", "externalId").getRawMany()
    : [];
  const ids = new Map(stored.map((s) => [externalKey(s.externalId), Number(s.id)]));
  return rows.map((r) => {
    const id = ids.get(externalKey(r.externalId));
    // Only a collation that tells case apart (unsupported: docs/databases.md) could lose a row.
    if (id === undefined) throw new Error(`insertWithIds: ${r.externalId} was not read back`);
    // Object.assign rather than a spread: see recordEvents (subgraphs/shared/audit.ts).
    return Object.assign({}, r, { id });
  });
}

/** What the station checks of a plan need to know about a station. */
export type StationRef = Pick<Station, "id" | "externalId" | "status">;

/** The rows stored under a batch's external ids, and the stations its rows name. */
export interface StoredWithStations<E> {
  stored: ReadonlyMap<string, E>;
  stations: ReadonlyMap<string, StationRef>;
}

/** Reads what a demand or activity batch is planned on: its stored rows, then the stations named. */
export async function readWithStations<
  T extends { externalId: string },
  E extends { externalId: string },
>(
  tx: EntityManager,
  target: EntityTarget<E>,
  districtCode: string,
  rows: ReadonlyArray<Row<T>>,
  stationOf: (input: T) => string | undefined,
): Promise<StoredWithStations<E>> {
  const externalIds = rows.map((r) => r.input.externalId);
  const stored = await findByExternalIds(tx.getRepository(target), districtCode, externalIds);
  const keys = rows.map((r) => stationOf(r.input)).filter((k): k is string => Boolean(k));
  const stations = await findByExternalIds(tx.getRepository(Station), districtCode, keys);
  return { stored, stations };
}

/**
 * The station check of demands and activities: a station the row names must be one of the
 * district's, and a new row (or one moved to another station) needs a working, FILED station.
 */
export function stationProblem(
  key: string | undefined,
  stations: ReadonlyMap<string, StationRef>,
  existing: { stationId: number | null } | undefined,
  districtCode: string,
  filedOnly: string,
): string | null {
  if (!key) return null;
  const station = stations.get(externalKey(key));
  if (!station) {
    return `stationExternalId ${key}: no such station in district ${districtCode}; publish the station first`;
  }
  return (!existing || existing.stationId !== station.id) && station.status !== StationStatus.FILED
    ? `station ${station.externalId} is ${station.status}; ${filedOnly} only at FILED stations`
    : null;
}

/** The id of the station a row names, or null when it names none (an online activity). */
export const stationIdOf = (stations: ReadonlyMap<string, StationRef>, key: string | undefined) =>
  key ? stations.get(externalKey(key))!.id : null;

/** What a plan decides for the rows that passed the checks, in batch order. Plain data. */
export interface Plan<T, V> {
  rejected: Array<{ row: Row<T>; message: string }>;
  unchanged: Array<Row<T>>;
  updated: Array<{ row: Row<T>; id: number; values: V }>;
  created: Array<{ row: Row<T>; values: V }>;
}

/** How one kind of row is planned: what refuses it, what it would write, and whether that is new. */
export interface PlanRule<T, E, V> {
  problem: (input: T, existing: E | undefined) => string | null;
  values: (input: T, existing: E | undefined) => V;
  same: (values: V, existing: E) => boolean;
}

/**
 * Each row is rejected when the rule finds a problem, created when nothing is stored under its
 * external id, unchanged when it would write what is stored, updated otherwise. Pure.
 */
export function planRows<T extends { externalId: string }, E extends { id: number }, V>(
  rows: ReadonlyArray<Row<T>>,
  stored: ReadonlyMap<string, E>,
  rule: PlanRule<T, E, V>,
): Plan<T, V> {
  const plan: Plan<T, V> = { rejected: [], unchanged: [], updated: [], created: [] };
  for (const row of rows) {
    const existing = stored.get(externalKey(row.input.externalId));
    const message = rule.problem(row.input, existing);
    if (message) plan.rejected.push({ row, message });
    else {
      const values = rule.values(row.input, existing);
      if (!existing) plan.created.push({ row, values });
      else if (rule.same(values, existing)) plan.unchanged.push(row);
      else plan.updated.push({ row, id: existing.id, values });
    }
  }
  return plan;
}

/**
 * Plan and write, which every publish shares once its rows are checked: in one transaction, read
 * what is stored now, plan (a pure function), write the plan. No row left, no transaction.
 */
export async function planAndWrite<T extends { externalId: string }, S, V>(
  db: DataSource,
  batch: Batch<T>,
  steps: {
    read: (tx: EntityManager, rows: ReadonlyArray<Row<T>>) => Promise<S>;
    plan: (rows: ReadonlyArray<Row<T>>, stored: S) => Plan<T, V>;
    /** Writes the plan; `stored` is what it was planned on (the statuses read, for the guards). */
    write: (tx: EntityManager, plan: Plan<T, V>, stored: S) => Promise<void>;
  },
): Promise<PublishResult> {
  if (!batch.rows.length) return batch.finish();
  await db.transaction(async (tx) => {
    const stored = await steps.read(tx, batch.rows);
    const plan = steps.plan(batch.rows, stored);
    batch.record(plan);
    await steps.write(tx, plan, stored);
  });
  return batch.finish();
}

/** The fields where what a row would write differs from what is stored. */
export function changedKeys(next: Record<string, unknown>, stored: Record<string, unknown>) {
  return Object.keys(next).filter((key) => {
    const a = next[key];
    const b = stored[key];
    if (Array.isArray(a) && Array.isArray(b)) return a.join(",") !== b.join(",");
    return (a ?? null) !== (b ?? null);
  });
}

/** Field-by-field equality of what a row would write and what is stored. */
export const sameValues = (next: Record<string, unknown>, stored: Record<string, unknown>) =>
  changedKeys(next, stored).length === 0;
