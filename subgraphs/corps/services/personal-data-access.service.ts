// The log of who saw a volunteer's unmasked phone or ID number (docs/self-service.md): the
// masking resolvers (personal-data.service.ts) append an entry for every volunteer and field shown
// in full, batched per request into one multi-row INSERT; the volunteer reads its own entries, the
// corps office (CITY_ADMIN) all of them; entries older than ACCESS_LOG_RETENTION_DAYS (at least
// 180) are purged by a job. Nothing updates an entry.
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import type { HubConfig } from "../../../runtime/config";
import type { Logger } from "../../../runtime/log";
import { insertRows } from "../../shared/db";
import { toPage, type Page } from "../../shared/pagination";
import { PersonalDataAccess } from "../entities/personal-data-access.entity";
import { PersonalDataAccessKind, PersonalDataField } from "../vocabulary";

export interface AccessEntry {
  volunteerId: number;
  field: PersonalDataField;
  kind?: PersonalDataAccessKind;
}

/**
 * Appends the entries of one request: each volunteer and field once, all in one INSERT when the
 * request's fields have resolved. Returns the loader the masking resolvers call.
 */
export function accessLog(db: DataSource, caller: () => Caller | null, requestId: () => string) {
  return new DataLoader<AccessEntry, true, string>(
    async (entries) => {
      const who = caller();
      if (!who) return entries.map(() => true as const);
      const at = new Date();
      await insertRows(
        db.manager,
        PersonalDataAccess,
        entries.map((e) => ({
          volunteerId: e.volunteerId,
          field: e.field,
          kind: e.kind ?? PersonalDataAccessKind.READ,
          actor: who.sub,
          actorRole: who.role,
          at,
          requestId: requestId() || null,
        })),
      );
      return entries.map(() => true as const);
    },
    { cacheKeyFn: (e) => `${e.volunteerId}:${e.field}:${e.kind ?? "READ"}` },
  );
}

export interface AccessFilter {
  volunteerId?: number | null;
  actor?: string | null;
  field?: PersonalDataField | null;
  /** From this instant (inclusive). */
  since?: Date | null;
  /** Before this instant. */
  until?: Date | null;
}

/** Entries matching the filter, newest first. */
export async function accessEntries(
  db: DataSource,
  filter: AccessFilter,
  first: number,
  beforeId: number | null,
): Promise<Page<PersonalDataAccess>> {
  const query = db.getRepository(PersonalDataAccess).createQueryBuilder("e");
  if (filter.volunteerId != null)
    query.andWhere("e.volunteerId = :volunteerId", { volunteerId: filter.volunteerId });
  if (filter.actor) query.andWhere("e.actor = :actor", { actor: filter.actor });
  if (filter.field) query.andWhere("e.field = :field", { field: filter.field });
  if (filter.since) query.andWhere("e.at >= :since", { since: filter.since });
  if (filter.until) query.andWhere("e.at < :until", { until: filter.until });
  const totalCount = await query.getCount();
  if (beforeId !== null) query.andWhere("e.id < :beforeId", { beforeId });
  const rows = await query
    .orderBy("e.id", "DESC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}

/** Deletes the entries older than the retention; returns how many. */
export async function purgeAccessLog(db: DataSource, retentionDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
  const result = await db
    .createQueryBuilder()
    .delete()
    .from(PersonalDataAccess)
    .where("at < :cutoff", { cutoff })
    .execute();
  return result.affected ?? 0;
}

/** The purge job: at start, then every ACCESS_LOG_PURGE_MINUTES; returns what stops it. */
export function startAccessLogPurge(deps: { db: DataSource; config: HubConfig; log: Logger }) {
  const { db, config, log } = deps;
  const { accessLogRetentionDays: days, accessLogPurgeMinutes: minutes } = config.selfService;
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= purgeAccessLog(db, days)
      .then((purged) => {
        if (purged) log.info({ purged, retentionDays: days }, "personal-data access log purged");
      })
      .catch((error: unknown) =>
        log.warn({ err: error }, "personal-data access log purge failed; tried again later"),
      )
      .finally(() => (running = null));
  };
  // Not at once: a process just started serves first (and the tests that count a request's SQL
  // statements never see a purge's); within five minutes, so restarts cannot keep it from running.
  const first = setTimeout(run, Math.min(minutes, 5) * 60 * 1000);
  const timer = setInterval(run, minutes * 60 * 1000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

const requestLogs = new WeakMap<object, ReturnType<typeof accessLog>>();

/** The access log of one request (its context), created at the first unmasked read. */
export function accessLogOf(ctx: {
  db: DataSource;
  caller: Caller | null;
  requestId: string;
}): ReturnType<typeof accessLog> {
  let log = requestLogs.get(ctx);
  if (!log) {
    log = accessLog(
      ctx.db,
      () => ctx.caller,
      () => ctx.requestId,
    );
    requestLogs.set(ctx, log);
  }
  return log;
}
