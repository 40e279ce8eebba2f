// The one way a change is audited (docs/domain.md rule 8). `transition` moves a record by its
// transition table and records the event in the caller's transaction, refusing a record that
// changed since it was read; `recordEvents` writes the events of records created or changed in a
// batch, in multi-row INSERTs. Every event carries who, in which role, and the request's id.
import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import type { Caller } from "../../runtime/auth";
import { conflict } from "../../runtime/errors";
import type { AuditRecord } from "./audit-event";
import { insertRows } from "./db";
import { checkMove, type TransitionTable } from "./transitions";

/** Who is changing things, in which role, in which request: built once per request. */
export interface Audit {
  actor: string;
  actorRole: string | null;
  requestId: string | null;
  /** The request's trace id while tracing is on (runtime/tracing), else null. */
  traceId: string | null;
  /**
   * The entities this request changed ("Station:12"), for the gateway's response cache
   * (cache-entities.ts: noteChanged); absent for the system's own jobs.
   */
  changed?: Set<string>;
}

/** The audit of a request: its verified caller (anonymous without one), its id and its trace. */
export const auditOf = (
  caller: Caller | null,
  requestId: string,
  traceId: string | null = null,
): Audit => ({
  actor: caller?.sub ?? "anonymous",
  actorRole: caller?.role ?? null,
  requestId: requestId || null,
  traceId,
  changed: new Set(),
});

/** The same request acting for someone without a token (an enterprise, a system job). */
export const actingAs = (audit: Audit, actor: string): Audit => ({
  ...audit,
  actor,
  actorRole: null,
});

/** What an event row says beyond what the request stamps on it. */
export type EventValues<V extends AuditRecord> = Omit<
  V,
  "id" | "actor" | "actorRole" | "at" | "requestId" | "traceId" | "comment"
> & { comment?: string | null };

const COMMENT_MAX = 1000;
/** A comment as stored: at most 1000 characters (code points, as MySQL counts them). */
const clip = (text: string | null | undefined) => {
  if (!text) return null;
  const chars = Array.from(text);
  return chars.length > COMMENT_MAX ? `${chars.slice(0, COMMENT_MAX - 1).join("")}…` : text;
};

/**
 * Writes one event per row, all stamped with the audit and one time, in multi-row INSERTs (one
 * statement per 500 rows): the batch paths record a whole batch's changes at once.
 */
export async function recordEvents<V extends AuditRecord>(
  tx: EntityManager,
  entity: EntityTarget<V>,
  audit: Audit,
  rows: ReadonlyArray<EventValues<V>>,
  // Written from here, in UTC: a database default would follow the session time zone.
  at = new Date(),
): Promise<void> {
  // Object.assign, not `{ ...row, actor, ... }`: Node 20 builds a spread followed by more
  // properties on its slow path, 4.5 µs a row (1,000 events: 0.25 ms against 4.5-5 ms).
  const stamped = rows.map((row) =>
    Object.assign({}, row, {
      actor: audit.actor,
      actorRole: audit.actorRole,
      requestId: audit.requestId,
      traceId: audit.traceId,
      at,
      comment: clip(row.comment),
    }),
  );
  await insertRows(tx, entity, stamped as unknown as Array<Partial<V>>);
}

/**
 * Updates one row only if it still holds the values in `where` (its id and what was read);
 * otherwise CONFLICT, and the caller's transaction writes nothing.
 */
export async function updateIfUnchanged<E extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<E>,
  where: Record<string, unknown>,
  set: QueryDeepPartialEntity<E> | Record<string, unknown>,
  subject: string,
): Promise<void> {
  const result = await tx.getRepository(entity).update(where as never, set as never);
  if (result.affected !== 1) {
    throw conflict(
      `${subject} was changed by someone else since you read it; nothing was written: reload it and try again`,
      { stale: true },
    );
  }
}

interface Tracked<S extends string> {
  id: number;
  status: S;
}

export interface Change<E extends Tracked<S>, S extends string, A extends string, V> {
  /** The record as it was read (its status, and its version when guarded). */
  row: E;
  /** The record in messages: "volunteer 12". */
  subject: string;
  /** A move of a transition table, checked against the status read; or an action that keeps it. */
  move: { table: TransitionTable<S, A>; name: string; needs?: string } | { action: A };
  /**
   * Columns whose values as read the UPDATE requires (default: status). A guarded `version` is
   * also bumped.
   */
  guard?: ReadonlyArray<keyof E & string>;
  /** Columns the change writes besides the status. */
  set?: QueryDeepPartialEntity<E>;
  /** The event entity and what its row says of the record: its foreign key, extra columns. */
  event: { entity: EntityTarget<V>; values: Partial<Omit<V, keyof AuditRecord>> };
  audit: Audit;
  comment: string | null;
  at?: Date;
}

/**
 * Moves a record and records its event in the caller's transaction: checks the move against the
 * transition table (CONFLICT naming the legal moves), updates the row only if the guarded columns
 * are still as read (CONFLICT when someone changed it meanwhile; the transaction then writes
 * nothing), inserts the event, and returns the record as stored now.
 */
export async function transition<
  E extends Tracked<S> & ObjectLiteral,
  S extends string,
  A extends string,
  V extends AuditRecord,
>(tx: EntityManager, entity: EntityTarget<E>, change: Change<E, S, A, V>): Promise<E> {
  const { row, move } = change;
  const rule =
    "table" in move
      ? checkMove(move.table, move.name, change.subject, row.status, move.needs)
      : { to: row.status, action: move.action };
  const guard = change.guard ?? ["status"];
  const where: Record<string, unknown> = { id: row.id };
  for (const column of guard) where[column] = row[column];
  const set: Record<string, unknown> = { ...change.set, status: rule.to };
  if (guard.includes("version")) set.version = () => "version + 1";
  await updateIfUnchanged(tx, entity, where, set, change.subject);
  const values = {
    ...change.event.values,
    action: rule.action,
    fromStatus: row.status,
    toStatus: rule.to,
    comment: change.comment,
  } as unknown as EventValues<V>;
  await recordEvents(tx, change.event.entity, change.audit, [values], change.at);
  return tx.getRepository(entity).findOneByOrFail({ id: row.id } as never);
}
