// The publicity loaders with hand-written SQL (published stories per district, the newest stories
// about each referenced entity), against a real in-memory SQLite database: key order, nothing for
// a key without, the per-entity limit, one statement per batch.
import { CaseStory } from "../../subgraphs/publicity/entities/case-story.entity";
import { Coverage } from "../../subgraphs/publicity/entities/coverage.entity";
import { StoryEvent } from "../../subgraphs/publicity/entities/story-event.entity";
import { StoryReference } from "../../subgraphs/publicity/entities/story-reference.entity";
import { createLoaders } from "../../subgraphs/publicity/loaders";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;

beforeAll(async () => {
  mem = await memoryDb([CaseStory, StoryReference, Coverage, StoryEvent]);
  const story = (title: string, districtCode: string, status: string, publishedAt?: string) => ({
    publishedAt: publishedAt ? new Date(publishedAt) : null,
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
      story("南山故事一", "440305", "PUBLISHED", "2025-01-02T00:00:00Z"),
      story("南山故事二", "440305", "DRAFT"),
      story("福田故事", "440303", "PUBLISHED", "2025-03-01T00:00:00Z"),
      story("福田故事二", "440303", "PUBLISHED", "2025-02-01T00:00:00Z"),
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

describe("storiesAbout", () => {
  beforeAll(async () => {
    // Volunteer 7 is in stories 1 (published Jan), 2 (draft), 3 (Mar) and 4 (Feb); volunteer 8
    // in story 5 (in review); station 7 in story 1 (a volunteer's id is not a station's).
    const ref = (storyId: number, kind: string, refId: number) => ({ storyId, kind, refId });
    await mem.db
      .getRepository(StoryReference)
      .insert([
        ref(1, "VOLUNTEER", 7),
        ref(2, "VOLUNTEER", 7),
        ref(3, "VOLUNTEER", 7),
        ref(4, "VOLUNTEER", 7),
        ref(5, "VOLUNTEER", 8),
        ref(1, "STATION", 7),
      ] as never);
  });

  const titles = (lists: unknown[]) =>
    (lists as CaseStory[][]).map((stories) => stories.map((s) => s.title));

  it("lists the newest published stories per entity, in key order, empty when none", async () => {
    const { storiesAbout } = createLoaders(mem.db);
    let lists: unknown[] = [];
    const statements = await mem.statements(async () => {
      lists = await storiesAbout({
        kind: "VOLUNTEER" as never,
        first: 2,
        publishedOnly: true,
      }).loadMany([8, 99, 7]);
    });
    expect(titles(lists)).toEqual([[], [], ["福田故事", "福田故事二"]]);
    // One windowed query for the batch, one for the stories.
    expect(statements).toBe(2);
  });

  it("gives editors every state, unpublished last", async () => {
    const { storiesAbout } = createLoaders(mem.db);
    const lists = await storiesAbout({
      kind: "VOLUNTEER" as never,
      first: 10,
      publishedOnly: false,
    }).loadMany([7, 8]);
    expect(titles(lists)).toEqual([
      ["福田故事", "福田故事二", "南山故事一", "南山故事二"],
      ["宝安故事"],
    ]);
    const stations = await storiesAbout({
      kind: "STATION" as never,
      first: 10,
      publishedOnly: false,
    }).loadMany([7, 8]);
    expect(titles(stations)).toEqual([["南山故事一"], []]);
  });
});
