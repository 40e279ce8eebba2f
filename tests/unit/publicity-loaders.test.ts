// The publicity loader with hand-written SQL (published stories per district), against a real
// in-memory SQLite database: key order, 0 for a district without, one statement per batch.
import { CaseStory } from "../../subgraphs/publicity/entities/case-story.entity";
import { Coverage } from "../../subgraphs/publicity/entities/coverage.entity";
import { StoryReference } from "../../subgraphs/publicity/entities/story-reference.entity";
import { createLoaders } from "../../subgraphs/publicity/loaders";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;

beforeAll(async () => {
  mem = await memoryDb([CaseStory, StoryReference, Coverage]);
  const story = (title: string, districtCode: string, status: string) => ({
    title,
    summary: "摘要",
    body: "正文",
    categories: ["POLICY"],
    districtCode,
    status,
    createdBy: "editor-1",
  });
  await mem.db
    .getRepository(CaseStory)
    .insert([
      story("南山故事一", "440305", "PUBLISHED"),
      story("南山故事二", "440305", "DRAFT"),
      story("福田故事", "440303", "PUBLISHED"),
      story("福田故事二", "440303", "PUBLISHED"),
      story("宝安故事", "440306", "IN_REVIEW"),
    ] as never);
});
afterAll(() => mem?.close());

describe("publishedCount", () => {
  it("counts published stories per district, in key order, 0 when none", async () => {
    const { publishedCount } = createLoaders(mem.db);
    let counts: unknown[] = [];
    const statements = await mem.statements(async () => {
      counts = await publishedCount.loadMany(["440306", "440303", "440399", "440305"]);
    });
    expect(counts).toEqual([0, 2, 0, 1]);
    expect(statements).toBe(1);
  });
});
