// Which stories a caller may read, and the search over them (filter + keyset page, newest first).
import type { DataSource } from "typeorm";
import { addDays, startOfBusinessDay } from "../../../runtime/dates";
import type { Caller } from "../../../runtime/auth";
import { CaseStory } from "../entities/case-story.entity";
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

/** LIKE pattern with the user's %, _ and ! taken literally (escape character "!"). */
const likePattern = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

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
  const query = db.getRepository(CaseStory).createQueryBuilder("s");
  const status = isEditor(caller) ? filter.status : StoryStatus.PUBLISHED;
  if (status) query.andWhere("s.status = :status", { status });
  if (filter.districtCode)
    query.andWhere("s.districtCode = :district", { district: filter.districtCode });
  if (filter.category)
    query.andWhere("s.categories LIKE :category", { category: `%${filter.category}%` });
  if (filter.search) {
    query.andWhere(
      "(s.title LIKE :search ESCAPE '!' OR s.summary LIKE :search ESCAPE '!' OR s.body LIKE :search ESCAPE '!')",
      { search: likePattern(filter.search.trim()) },
    );
  }
  if (filter.publishedFrom)
    query.andWhere("s.publishedAt >= :from", {
      from: startOfBusinessDay(filter.publishedFrom),
    });
  if (filter.publishedTo)
    query.andWhere("s.publishedAt < :to", {
      to: startOfBusinessDay(addDays(filter.publishedTo, 1)),
    });
  const about: Array<[ReferenceKind, string | undefined]> = [
    [ReferenceKind.VOLUNTEER, filter.volunteerId],
    [ReferenceKind.STATION, filter.stationId],
    [ReferenceKind.PLATFORM, filter.platformId],
  ];
  for (const [kind, id] of about) {
    if (!id) continue;
    query.andWhere(
      `EXISTS (SELECT 1 FROM story_reference r_${kind} WHERE r_${kind}.storyId = s.id AND r_${kind}.kind = :kind_${kind} AND r_${kind}.refId = :ref_${kind})`,
      { [`kind_${kind}`]: kind, [`ref_${kind}`]: Number(id) },
    );
  }
  const totalCount = await query.getCount();
  if (status === StoryStatus.PUBLISHED) {
    const cursor = decodeKeyCursor(after);
    if (cursor) {
      const at = new Date(cursor.key);
      if (Number.isNaN(at.getTime())) throw badInput("that cursor does not belong to this list");
      query.andWhere("(s.publishedAt < :at OR (s.publishedAt = :at AND s.id < :id))", {
        at,
        id: cursor.id,
      });
    }
    const rows = await query
      .orderBy("s.publishedAt", "DESC")
      .addOrderBy("s.id", "DESC")
      .take(first + 1)
      .getMany();
    return {
      rows,
      totalCount,
      cursorOf: (s: CaseStory) => encodeKeyCursor(s.publishedAt!.toISOString(), s.id),
    };
  }
  const beforeId = decodeCursor(after);
  if (beforeId !== null) query.andWhere("s.id < :beforeId", { beforeId });
  const rows = await query
    .orderBy("s.id", "DESC")
    .take(first + 1)
    .getMany();
  return { rows, totalCount, cursorOf: (s: CaseStory) => encodeCursor(s.id) };
}
