// A story's content rules (services/story-content.ts) and coverage rules (coverage-rules.ts):
// tidy text, references by kind, the message naming every unknown reference, the fields an edit
// changed, URL normalisation and the Shenzhen "not in the future" date. No server.
import {
  assertReferencesExist,
  changedFields,
  malformedIdsProblem,
  referenceId,
  repeatedIdsProblem,
  storyContent,
  unknownReferences,
  type StoryContentInput,
} from "../../subgraphs/publicity/services/story-content";
import {
  assertNotFuture,
  normaliseCoverageUrl,
} from "../../subgraphs/publicity/services/coverage-rules";
import { ServiceCategory } from "../../subgraphs/shared/vocabulary";

const input = (overrides: Partial<StoryContentInput> = {}): StoryContentInput => ({
  title: "标题",
  summary: "摘要",
  body: "正文",
  categories: [ServiceCategory.LEGAL],
  districtCode: "440305",
  volunteerIds: ["3", "1"],
  stationIds: ["7"],
  platformIds: [],
  activityIds: ["11"],
  ...overrides,
});

describe("storyContent", () => {
  it("tidies the text and turns ids into row ids by kind", () => {
    const content = storyContent(
      input({
        title: " 南山\t融资 \n案例 ",
        summary: "  一段  ",
        body: "\r\n第一段  \r\n\r\n第二段 \n\n",
      }),
    );
    expect(content).toMatchObject({
      title: "南山 融资 案例",
      summary: "一段",
      body: "第一段\n\n第二段",
      references: { VOLUNTEER: [3, 1], STATION: [7], PLATFORM: [], ACTIVITY: [11] },
    });
  });
});

describe("reference ids", () => {
  it.each([
    ["7", 7],
    ["007", 7],
    [" 7 ", 7],
    ["0", 0],
    ["999999999", 999999999],
    ["000999999999", 999999999],
    ["1000000000", null],
    ["abc", null],
    ["-7", null],
    ["7.0", null],
    ["", null],
  ])("%j names row %s", (raw, row) => {
    expect(referenceId(raw)).toBe(row);
  });

  it("reads ids written with zeros or spaces as the rows they name", () => {
    expect(storyContent(input({ volunteerIds: [" 03", "001"] })).references.VOLUNTEER).toEqual([
      3, 1,
    ]);
  });

  it("finds an id given twice however it is written, naming it and how it was written", () => {
    expect(repeatedIdsProblem(["7", "8", "9"])).toBeNull();
    expect(repeatedIdsProblem(["7", "007"])).toBe(
      'each id may appear only once; 7 is given 2 times (as "7", "007")',
    );
    expect(repeatedIdsProblem(["1", "2", "1", " 2", "1"])).toBe(
      'each id may appear only once; 1 is given 3 times; 2 is given 2 times (as "2", " 2")',
    );
    // Malformed ids are the other rule's to name, not repeats.
    expect(repeatedIdsProblem(["x", "x"])).toBeNull();
  });

  it("names every id that is not a numeric id", () => {
    expect(malformedIdsProblem(["1", " 02 "])).toBeNull();
    expect(malformedIdsProblem(["abc"])).toBe('"abc" is not a numeric id; give ids such as "42"');
    expect(malformedIdsProblem(["1", "x", "-2"])).toBe(
      '"x", "-2" are not numeric ids; give ids such as "42"',
    );
  });
});

describe("references", () => {
  const asked = { VOLUNTEER: [3, 1], STATION: [7], PLATFORM: [], ACTIVITY: [11, 12] };

  it("lists the ids their owners did not know, by kind", () => {
    const answers = {
      VOLUNTEER: [true, false],
      STATION: [false],
      PLATFORM: [],
      ACTIVITY: [true, true],
    };
    expect(unknownReferences(asked, answers)).toEqual({ VOLUNTEER: [1], STATION: [7] });
    expect(() => assertReferencesExist(asked, answers)).toThrow(
      "unknown references (nothing was written): volunteerIds: no volunteer 1; stationIds: no station 7",
    );
  });

  it("passes when every reference exists", () => {
    const all = { VOLUNTEER: [true, true], STATION: [true], PLATFORM: [], ACTIVITY: [true, true] };
    expect(() => assertReferencesExist(asked, all)).not.toThrow();
  });
});

describe("changedFields", () => {
  it("names what an edit changed, ignoring the order of ids and categories", () => {
    const before = storyContent(
      input({ categories: [ServiceCategory.LEGAL, ServiceCategory.POLICY] }),
    );
    const same = storyContent(
      input({
        volunteerIds: ["1", "3"],
        categories: [ServiceCategory.POLICY, ServiceCategory.LEGAL],
      }),
    );
    expect(changedFields(before, same)).toEqual([]);
    const after = storyContent(input({ title: "新标题", stationIds: [], districtCode: "440306" }));
    expect(changedFields(before, after)).toEqual([
      "title",
      "districtCode",
      "categories",
      "stationIds",
    ]);
  });
});

describe("coverage rules", () => {
  it.each([
    ["https://www.sznews.com/a/b.html", "https://www.sznews.com/a/b.html"],
    ["  HTTPS://WWW.SZNews.com:443/a/./b.html#p3 ", "https://www.sznews.com/a/b.html"],
    ["http://例子.中国/新闻?id=1", "http://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB?id=1"],
    ["https://a.cn", "https://a.cn/"],
  ])("normalises %s", (raw, url) => {
    expect(normaliseCoverageUrl(raw).url).toBe(url);
  });

  it("keys a link by its normalised form; paths stay case-sensitive", () => {
    const key = (u: string) => normaliseCoverageUrl(u).key;
    expect(key("https://A.cn/x#top")).toBe(key("https://a.cn/x"));
    expect(key("https://a.cn/X")).not.toBe(key("https://a.cn/x"));
    expect(key("https://a.cn/x")).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["ftp://a.cn/x", /http\(s\) link/],
    ["javascript:alert(1)", /http\(s\) link/],
    ["www.sznews.com/a", /is not a link/],
    ["https://user:pw@a.cn/", /user name or password/],
    [`https://a.cn/${"新".repeat(60)}`, /characters long once encoded/],
  ])("refuses %s", (raw, message) => {
    expect(() => normaliseCoverageUrl(raw)).toThrow(message);
  });

  it("accepts today in Shenzhen, refuses tomorrow, at any hour of the UTC day", () => {
    // 16:30 UTC on 31 March is already 1 April in Shenzhen.
    const late = new Date("2025-03-31T16:30:00Z");
    expect(() => assertNotFuture("2025-04-01", late)).not.toThrow();
    expect(() => assertNotFuture("2025-04-02", late)).toThrow(/2025-04-02 is in the future/);
    const early = new Date("2025-03-31T15:59:00Z");
    expect(() => assertNotFuture("2025-04-01", early)).toThrow(/today in Shenzhen is 2025-03-31/);
  });
});
