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
import { createHash } from "node:crypto";
import {
  assertNotFuture,
  normaliseCoverageUrl,
  storedCoverageKey,
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

  it.each([
    ["https://a.b/ok2?", "https://a.b/ok2"],
    ["https://a.b/ok2?#top", "https://a.b/ok2"],
    ["https://a.b/%7Efoo", "https://a.b/~foo"],
    ["https://a.b/%7efoo/%41%2d%5F%2E%30", "https://a.b/~foo/A-_.0"],
    ["https://a.b/%e6%96%b0?q=%e6%96%b0%2f%7E", "https://a.b/%E6%96%B0?q=%E6%96%B0%2F~"],
    ["https://a.b/a%2Fb?x=1&y=", "https://a.b/a%2Fb?x=1&y="],
    ["HTTP://A.B:80/x", "http://a.b/x"],
    ["https://a.b/x/%2e%2E/y", "https://a.b/y"],
  ])("normalises %s (RFC 3986 §6.2.2)", (raw, url) => {
    expect(normaliseCoverageUrl(raw).url).toBe(url);
    // Normalising again changes nothing: a stored link keys as it did when it was recorded.
    expect(normaliseCoverageUrl(url).url).toBe(url);
    expect(storedCoverageKey(url)).toEqual(normaliseCoverageUrl(raw));
  });

  it("keys a link by its normalised form; paths stay case-sensitive", () => {
    const key = (u: string) => normaliseCoverageUrl(u).key;
    expect(key("https://A.cn/x#top")).toBe(key("https://a.cn/x"));
    expect(key("https://a.b/ok2?")).toBe(key("https://a.b/ok2"));
    expect(key("https://a.b/%7Efoo")).toBe(key("https://a.b/~foo"));
    expect(key("https://a.cn/X")).not.toBe(key("https://a.cn/x"));
    expect(key("https://a.cn/%2F")).not.toBe(key("https://a.cn//"));
    expect(key("https://a.cn/x")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the key of a link the older normalisation already wrote in its current form", () => {
    // Coverage recorded before keeps its key unless its link had an empty query or such escapes.
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    for (const url of [
      "https://www.sznews.com/content/2025/%E6%A1%88%E4%BE%8B.html",
      "http://mp.example.cn/s/abc?id=1",
    ])
      expect(normaliseCoverageUrl(url).key).toBe(sha(url));
  });

  it.each([
    ["http://x/a", /url has the host "x", which is not a public host name/],
    ["http://127.0.0.1:5001/graphql", /url points at a loopback address \(127.0.0.1\)/],
    ["http://2130706433/", /loopback address \(127.0.0.1\)/],
    ["http://[::1]/", /loopback address \(::1\)/],
    ["http://[::ffff:127.0.0.1]/", /loopback address/],
    ["http://10.1.2.3/a", /private network address \(10.1.2.3\)/],
    ["http://192.168.1.1/", /private network address/],
    ["http://172.20.0.5/", /private network address/],
    ["http://[fd00::1]/", /private network address/],
    ["http://169.254.169.254/latest/meta-data", /link-local address/],
    ["http://[fe80::1]/", /link-local address/],
    ["http://0.0.0.0/", /reserved address/],
    ["http://localhost:4000/feeds", /local machine name \(localhost\)/],
    ["http://LOCALHOST./", /local machine name \(localhost\)/],
    ["http://hub.localhost/", /local machine name/],
    ["http://printer.local/", /local machine name/],
    ["http://intranet.corp.internal/", /local machine name/],
  ])("refuses %s: no outlet publishes there", (raw, message) => {
    expect(() => normaliseCoverageUrl(raw)).toThrow(message);
    expect(() => normaliseCoverageUrl(raw)).toThrow(/cannot be a media outlet's page/);
  });

  it.each([
    "https://www.sznews.com/a",
    "http://8.8.8.8/news",
    "http://[2400:3200::1]/a",
    "https://a.b/",
  ])("takes %s", (raw) => {
    expect(() => normaliseCoverageUrl(raw)).not.toThrow();
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
