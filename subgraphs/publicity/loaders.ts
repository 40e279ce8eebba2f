// Per-request DataLoaders of the publicity subgraph.
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { num } from "../shared/db";
import { grouped, rowById, rowsBy } from "../shared/loader-helpers";
import { CaseStory } from "./entities/case-story.entity";
import { Coverage } from "./entities/coverage.entity";
import { StoryReference } from "./entities/story-reference.entity";
import { ReferenceKind, StoryStatus } from "./vocabulary";

export type StoryReferences = Record<ReferenceKind, number[]>;

export function createLoaders(db: DataSource) {
  return {
    story: rowById(db, CaseStory),
    /** Every reference of each story, split by kind: one query for the whole page. */
    references: new DataLoader<number, StoryReferences>(async (ids) => {
      const rows = await db.getRepository(StoryReference).find({
        where: { storyId: In([...ids]) },
        order: { id: "ASC" },
      });
      return grouped(ids, rows, (r) => r.storyId).map((mine) => {
        const refs: StoryReferences = { VOLUNTEER: [], STATION: [], PLATFORM: [], ACTIVITY: [] };
        for (const row of mine) refs[row.kind].push(row.refId);
        return refs;
      });
    }),
    coverage: rowsBy(db, Coverage, "storyId", { publishedOn: "ASC", id: "ASC" }),
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
