// Per-request DataLoaders of the publicity subgraph.
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { num } from "../shared/db";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { ReferenceKind, StoryStatus } from "./vocabulary";

export type StoryReferences = Record<ReferenceKind, number[]>;

export function createLoaders(db: DataSource) {
  return {
    story: new DataLoader<number, CaseStory | null>(async (ids) => {
      const rows = await db.getRepository(CaseStory).findBy({ id: In([...ids]) });
      const map = new Map(rows.map((s) => [s.id, s]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    /** Every reference of each story, split by kind: one query for the whole page. */
    references: new DataLoader<number, StoryReferences>(async (ids) => {
      const rows = await db.getRepository(StoryReference).find({
        where: { storyId: In([...ids]) },
        order: { id: "ASC" },
      });
      return ids.map((id) => {
        const refs: StoryReferences = { VOLUNTEER: [], STATION: [], PLATFORM: [], ACTIVITY: [] };
        for (const row of rows) if (row.storyId === id) refs[row.kind].push(row.refId);
        return refs;
      });
    }),
    coverage: new DataLoader<number, Coverage[]>(async (ids) => {
      const rows = await db.getRepository(Coverage).find({
        where: { storyId: In([...ids]) },
        order: { publishedOn: "ASC", id: "ASC" },
      });
      return ids.map((id) => rows.filter((c) => c.storyId === id));
    }),
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
  };
}

export type PublicityLoaders = ReturnType<typeof createLoaders>;
