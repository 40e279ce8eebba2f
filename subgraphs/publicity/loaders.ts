// Per-request DataLoaders of the publicity subgraph.
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { num } from "../shared/db";
import { grouped, keyed, peekable, rowById, rowsBy } from "../shared/loader-helpers";
import { plainRowsBy } from "../shared/plain-rows";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryEvent } from "./entities/story-event.entity";
import { ReferenceKind, StoryStatus } from "./vocabulary";

/** A reference as the answer carries it: the referenced entity's key. */
export interface ReferenceStub {
  id: string;
}

export type StoryReferences = Record<ReferenceKind, ReferenceStub[]>;

/** Which stories about an entity a list shows: the newest `first`, published ones or all. */
export interface StoriesAboutArgs {
  kind: ReferenceKind;
  first: number;
  publishedOnly: boolean;
}

export function createLoaders(db: DataSource) {
  const story = rowById(db, CaseStory);
  return {
    story,
    /**
     * Every reference of each story, split by kind, as the stubs the answer carries: one query for
     * the whole page (plain rows); what it brought can be read without a promise (`peek`).
     */
    references: peekable<number, StoryReferences>(async (ids) => {
      const rows: Array<{ storyId: number; kind: ReferenceKind; refId: number }> = await db.query(
        `SELECT storyId, kind, refId FROM story_reference WHERE storyId IN (${ids.map(() => "?").join(", ")}) ORDER BY id`,
        [...ids],
      );
      return grouped(ids, rows, (r) => r.storyId).map((mine) => {
        const refs: StoryReferences = { VOLUNTEER: [], STATION: [], PLATFORM: [], ACTIVITY: [] };
        for (const row of mine) refs[row.kind].push({ id: String(row.refId) });
        return refs;
      });
    }),
    coverage: plainRowsBy(db, Coverage, "storyId", [
      ["publishedOn", "ASC"],
      ["id", "ASC"],
    ]),
    history: rowsBy(db, StoryEvent, "storyId", { id: "ASC" }),
    publishedCount: new DataLoader<string, number>(async (codes) => {
      const rows: Array<{ code: string; n: unknown }> = await db
        .createQueryBuilder()
        .select("s.districtCode", "code")
        .addSelect("COUNT(*)", "n")
        .from("case_story", "s")
        .where("s.districtCode IN (:...codes) AND s.status = :status", {
          codes,
          status: StoryStatus.PUBLISHED,
        })
        .groupBy("s.districtCode")
        .getRawMany();
      const map = new Map(rows.map((r) => [r.code, num(r.n)]));
      return codes.map((code) => map.get(code) ?? 0);
    }),
    /**
     * The newest stories about each volunteer, station or platform: one windowed query for the
     * whole batch (the ids of at most `first` stories per entity), then the stories by id.
     */
    storiesAbout: keyed(
      (args: StoriesAboutArgs) =>
        new DataLoader<number, CaseStory[]>(async (refIds) => {
          const pairs = await storyIdsAbout(db, args, refIds);
          const stories = await story.loadMany([...new Set(pairs.map((p) => p.storyId))]);
          const byId = new Map(
            stories.filter((s): s is CaseStory => s instanceof CaseStory).map((s) => [s.id, s]),
          );
          return grouped(refIds, pairs, (p) => p.refId).map((mine) =>
            mine.map((p) => byId.get(p.storyId)).filter((s): s is CaseStory => Boolean(s)),
          );
        }),
    ),
  };
}

/** (refId, storyId) of the newest `first` stories per referenced entity, newest first. */
export async function storyIdsAbout(
  db: DataSource,
  { kind, first, publishedOnly }: StoriesAboutArgs,
  refIds: readonly number[],
): Promise<Array<{ refId: number; storyId: number }>> {
  const marks = refIds.map(() => "?").join(", ");
  // DESC puts stories never published (NULL) last on both databases.
  const rows: Array<{ refId: unknown; storyId: unknown }> = await db.query(
    `SELECT refId, storyId FROM (
       SELECT r.refId AS refId, s.id AS storyId,
              ROW_NUMBER() OVER (PARTITION BY r.refId ORDER BY s.publishedAt DESC, s.id DESC) AS n
       FROM story_reference r JOIN case_story s ON s.id = r.storyId
       WHERE r.kind = ? AND r.refId IN (${marks})${publishedOnly ? " AND s.status = ?" : ""}
     ) ranked WHERE n <= ? ORDER BY refId, n`,
    [kind, ...refIds, ...(publishedOnly ? [StoryStatus.PUBLISHED] : []), first],
  );
  return rows.map((r) => ({ refId: num(r.refId), storyId: num(r.storyId) }));
}

export type PublicityLoaders = ReturnType<typeof createLoaders>;
