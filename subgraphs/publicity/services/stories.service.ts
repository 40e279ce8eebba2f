// Which stories a caller may read, and the search over them (filter + keyset page, newest first).
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import { addDays, startOfBusinessDay } from "../../../runtime/dates";
import type { Caller } from "../../../runtime/auth";
import { CaseStory } from "../entities/case-story.entity";
import { plainReader } from "../../shared/plain-rows";
import type { CaseStoryFilter } from "../inputs/case-story-filter.input";
import { EDITOR_ROLES, ReferenceKind, StoryStatus } from "../vocabulary";
import { badInput } from "../../../runtime/errors";
import {
  decodeCursor,
  decodeKeyCursor,
  encodeCursor,
  encodeKeyCursor,
} from "../../shared/pagination";

export const isEditor = (caller: Caller | null) =>
  Boolean(caller && (EDITOR_ROLES as readonly string[]).includes(caller.role));

/** Whether the caller may see this story: editors every state, everybody else PUBLISHED ones. */
export const visibleStory = (caller: Caller | null, story: CaseStory | null) =>
  story && (story.status === StoryStatus.PUBLISHED || isEditor(caller)) ? story : null;

/** LIKE pattern with the user's %, _ and ! taken literally (escape character "!"). */
export const likePattern = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** The words of a search, each of which must appear (in the title, summary or body). */
export const MAX_SEARCH_TERMS = 5;
export function searchTerms(search: string | undefined | null): string[] {
  const terms = (search ?? "").trim().split(/\s+/).filter(Boolean);
  if (terms.length > MAX_SEARCH_TERMS)
    throw badInput(`search has ${terms.length} words; use at most ${MAX_SEARCH_TERMS}`);
  return terms;
}

/** The statuses a list shows this caller. */
function listedStatuses(caller: Caller | null, filter: CaseStoryFilter): StoryStatus[] | null {
  if (!isEditor(caller)) return [StoryStatus.PUBLISHED];
  return filter.status ? [filter.status] : null;
}

export function checkFilter(filter: CaseStoryFilter) {
  if (filter.publishedFrom && filter.publishedTo && filter.publishedFrom > filter.publishedTo)
    throw badInput(
      `publishedFrom ${filter.publishedFrom} is after publishedTo ${filter.publishedTo}; swap them`,
    );
  searchTerms(filter.search);
}

/**
 * Stories matching the filter, in the given statuses (null: every status): conditions on the
 * stories (alias `s`) with named parameters, as TypeORM's query builder takes them.
 */
interface StoryConds {
  where: string[];
  params: Record<string, unknown>;
}

function filtered(filter: CaseStoryFilter, statuses: StoryStatus[] | null): StoryConds {
  const conds: StoryConds = { where: [], params: {} };
  const and = (sql: string, params: Record<string, unknown>) => {
    conds.where.push(sql);
    Object.assign(conds.params, params);
  };
  if (statuses) and("s.status IN (:...statuses)", { statuses });
  if (filter.districtCode) and("s.districtCode = :district", { district: filter.districtCode });
  // simple-array: "POLICY,LEGAL"; no category's name is part of another's.
  if (filter.category) and("s.categories LIKE :category", { category: `%${filter.category}%` });
  // LIKE works for Chinese on both databases: SQLite compares the bytes (case folding is ASCII
  // only); MariaDB's utf8mb4_unicode_ci weighs every CJK character apart (and also matches
  // full-width Latin letters to their ASCII forms, which SQLite does not).
  searchTerms(filter.search).forEach((term, i) => {
    and(
      `(s.title LIKE :t${i} ESCAPE '!' OR s.summary LIKE :t${i} ESCAPE '!' OR s.body LIKE :t${i} ESCAPE '!')`,
      { [`t${i}`]: likePattern(term) },
    );
  });
  if (filter.publishedFrom)
    and("s.publishedAt >= :from", { from: startOfBusinessDay(filter.publishedFrom) });
  if (filter.publishedTo)
    and("s.publishedAt < :to", { to: startOfBusinessDay(addDays(filter.publishedTo, 1)) });
  const about: Array<[ReferenceKind, string | undefined]> = [
    [ReferenceKind.VOLUNTEER, filter.volunteerId],
    [ReferenceKind.STATION, filter.stationId],
    [ReferenceKind.PLATFORM, filter.platformId],
  ];
  for (const [kind, id] of about) {
    if (!id) continue;
    and(
      `EXISTS (SELECT 1 FROM story_reference r_${kind} WHERE r_${kind}.storyId = s.id AND r_${kind}.kind = :kind_${kind} AND r_${kind}.refId = :ref_${kind})`,
      { [`kind_${kind}`]: kind, [`ref_${kind}`]: Number(id) },
    );
  }
  return conds;
}

/**
 * `SELECT <select> FROM case_story s WHERE <conds> <tail>`, written out instead of built by
 * TypeORM's query builder (about 6 % of publicity's CPU on a page of stories: aliases, property
 * paths, metadata): the parameters go through the driver as the builder sends them (arrays
 * spread, dates as each database stores them).
 */
function selectStories(
  db: DataSource,
  select: string,
  conds: StoryConds,
  tail = "",
): Promise<Array<Record<string, unknown>>> {
  const where = conds.where.length ? ` WHERE ${conds.where.join(" AND ")}` : "";
  const sql = `SELECT ${select} FROM ${plainReader(db, CaseStory).table} s${where}${tail}`;
  const [text, params] = db.driver.escapeQueryWithParameters(sql, conds.params);
  return db.query(text, params);
}

/**
 * When the list last changed: the latest change of a story it shows, or for the public also of a
 * story it showed until it was retracted (so a retraction is a change of the public list).
 */
async function lastChangedAt(
  db: DataSource,
  caller: Caller | null,
  filter: CaseStoryFilter,
): Promise<Date | null> {
  const statuses = isEditor(caller)
    ? listedStatuses(caller, filter)
    : [StoryStatus.PUBLISHED, StoryStatus.RETRACTED];
  const [row] = (await selectStories(db, "MAX(s.updatedAt) AS at", filtered(filter, statuses))) as [
    { at: Date | string | null } | undefined,
  ];
  if (!row?.at) return null;
  // SQLite hands back the stored text ("2025-03-31 08:00:00.000", UTC); MySQL a Date.
  return row.at instanceof Date ? row.at : new Date(`${row.at.replace(" ", "T")}Z`);
}

/**
 * Published stories are listed newest publication first, keyset on (publishedAt, id); lists that
 * include unpublished stories (editors) go by id, newest first. Each kind of list has its cursor.
 */
export async function findStories(
  db: DataSource,
  caller: Caller | null,
  filter: CaseStoryFilter,
  first: number,
  after: string | undefined,
) {
  checkFilter(filter);
  const statuses = listedStatuses(caller, filter);
  const conds = filtered(filter, statuses);
  const [count] = await selectStories(db, "COUNT(*) AS n", conds);
  const totalCount = num(count?.n);
  const lastChanged = () => lastChangedAt(db, caller, filter);
  if (statuses?.length === 1 && statuses[0] === StoryStatus.PUBLISHED) {
    const rows = await publishedPage(db, conds, first, after);
    return {
      rows,
      totalCount,
      lastChanged,
      cursorOf: (s: CaseStory) => encodeKeyCursor(s.publishedAt!.toISOString(), s.id),
    };
  }
  const beforeId = decodeCursor(after);
  const page = beforeId === null ? conds : withCond(conds, "s.id < :beforeId", { beforeId });
  const rows = await storyRows(db, page, ` ORDER BY s.id DESC LIMIT ${first + 1}`);
  return { rows, totalCount, lastChanged, cursorOf: (s: CaseStory) => encodeCursor(s.id) };
}

/** The conditions and one more. */
const withCond = (conds: StoryConds, sql: string, params: Record<string, unknown>) => ({
  where: [...conds.where, sql],
  params: { ...conds.params, ...params },
});

/** The page's stories as plain rows (the entity's values, without TypeORM's hydration). */
async function storyRows(db: DataSource, conds: StoryConds, tail: string) {
  const reader = plainReader(db, CaseStory);
  const raw = await selectStories(db, reader.columns("s"), conds, tail);
  return raw.map(reader.read);
}

function publishedPage(db: DataSource, conds: StoryConds, first: number, after?: string) {
  const cursor = decodeKeyCursor(after);
  let page = conds;
  if (cursor) {
    const at = new Date(cursor.key);
    if (Number.isNaN(at.getTime())) throw badInput("that cursor does not belong to this list");
    page = withCond(conds, "(s.publishedAt < :at OR (s.publishedAt = :at AND s.id < :id))", {
      at,
      id: cursor.id,
    });
  }
  return storyRows(db, page, ` ORDER BY s.publishedAt DESC, s.id DESC LIMIT ${first + 1}`);
}
