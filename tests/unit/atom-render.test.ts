// The feed's pure parts (gateway/render/atom.ts, gateway/routes/feed.ts): the Atom document the
// library writes from stories, escaping of plain text, the filters of the query string and the
// conditional-request rule. Parsed with an XML parser; no server.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderAtom, type AtomOptions, type FeedStory } from "../../gateway/render/atom";
import { feedFilters, notModified } from "../../gateway/routes/feed";

const options: AtomOptions = {
  tagAuthority: "sme.example.cn,2025",
  selfUrl: "https://hub.example.cn/feeds/stories.xml?district=440305",
  storyUrl: "https://sme.example.cn/cases/{id}",
  title: "案例 & 报道",
  filters: { district: "440305" },
  updated: new Date("2025-03-31T08:00:00Z"),
};
const story = (overrides: Partial<FeedStory> = {}): FeedStory => ({
  id: "17",
  title: "<b>标题</b> & 更多",
  summary: "摘要\u0000含控制字符",
  body: "第一段 <script>\n\n第二段 ]]> 结束",
  publishedAt: "2025-03-30T01:30:00.000Z",
  categories: ["LEGAL", "POLICY"],
  district: { code: "440305", name: "南山区" },
  ...overrides,
});
const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (n) => n === "entry" || n === "category",
  }).parse(xml).feed;

describe("renderAtom", () => {
  it("writes a valid Atom document with tag URIs, dates, categories and the district", () => {
    const xml = renderAtom([story(), story({ id: "16", district: null })], options);
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parse(xml);
    expect(feed).toMatchObject({
      xmlns: "http://www.w3.org/2005/Atom",
      id: "tag:sme.example.cn,2025:stories?district=440305",
      title: "案例 & 报道",
      updated: "2025-03-31T08:00:00.000Z",
    });
    const [entry, second] = feed.entry;
    expect(entry).toMatchObject({
      id: "tag:sme.example.cn,2025:story/17",
      title: { "#text": "&lt;b&gt;标题&lt;/b&gt; &amp; 更多", type: "html" },
      summary: { "#text": "摘要含控制字符", type: "html" },
      content: { "#text": "<p>第一段 &lt;script&gt;</p><p>第二段 ]]&gt; 结束</p>", type: "html" },
      published: "2025-03-30T01:30:00.000Z",
      updated: "2025-03-30T01:30:00.000Z",
      link: { href: "https://sme.example.cn/cases/17" },
    });
    expect(entry.category).toEqual([
      { term: "LEGAL", scheme: "tag:sme.example.cn,2025:service-category" },
      { term: "POLICY", scheme: "tag:sme.example.cn,2025:service-category" },
      { term: "440305", label: "南山区", scheme: "tag:sme.example.cn,2025:district" },
    ]);
    expect(second.category).toHaveLength(2);
  });

  it("is the same bytes for the same input, and links into itself without a story page", () => {
    const plain = { ...options, storyUrl: null };
    expect(renderAtom([story()], plain)).toBe(renderAtom([story()], plain));
    const entry = parse(renderAtom([story()], plain)).entry[0];
    expect(entry.link.href).toBe(
      "https://hub.example.cn/feeds/stories.xml?district=440305#story-17",
    );
  });

  it("dates an empty feed that never had a story at the epoch, not at the time of the request", () => {
    const feed = parse(renderAtom([], { ...options, updated: null, filters: {} }));
    expect(feed).toMatchObject({
      id: "tag:sme.example.cn,2025:stories",
      updated: "1970-01-01T00:00:00.000Z",
    });
    expect(feed.entry).toBeUndefined();
  });
});

describe("feedFilters", () => {
  it("takes district and category, trimmed", () => {
    expect(feedFilters({})).toEqual({});
    expect(feedFilters({ district: " 440305 ", category: "LEGAL" })).toEqual({
      district: "440305",
      category: "LEGAL",
    });
  });

  it.each([
    [{ district: "4403" }, /not a district code/],
    [{ category: "legal" }, /not a service category; use one of POLICY, ENTREPRENEUR/],
    [{ district: ["440305", "440306"] }, /give district once/],
    [{ sort: "asc" }, /unknown parameter "sort"/],
  ])("refuses %j", (query, message) => {
    expect(() => feedFilters(query)).toThrow(message);
  });
});

describe("notModified", () => {
  const etag = '"abc"';
  const at = new Date("2025-03-31T08:00:00.700Z");
  it.each([
    [{ "if-none-match": '"abc"' }, true],
    [{ "if-none-match": 'W/"abc"' }, true],
    [{ "if-none-match": '"x", "abc"' }, true],
    [{ "if-none-match": "*" }, true],
    [{ "if-none-match": '"x"' }, false],
    // If-None-Match decides when present, whatever If-Modified-Since says.
    [{ "if-none-match": '"x"', "if-modified-since": "Mon, 31 Mar 2025 09:00:00 GMT" }, false],
    [{ "if-modified-since": "Mon, 31 Mar 2025 08:00:00 GMT" }, true],
    [{ "if-modified-since": "Mon, 31 Mar 2025 07:59:59 GMT" }, false],
    [{ "if-modified-since": "not a date" }, false],
    [{}, false],
  ])("%j → %s", (headers, expected) => {
    expect(notModified(headers, etag, at)).toBe(expected);
  });

  // RFC 9110 §13.1.3: a date later than the server's current time is invalid, and ignored; so is
  // anything that is not an HTTP-date.
  const now = new Date("2025-04-01T00:00:00Z");
  it.each([
    ["Mon, 31 Mar 2025 09:00:00 GMT", true],
    ["Tue, 01 Apr 2025 00:00:00 GMT", true],
    ["Monday, 31-Mar-25 09:00:00 GMT", true],
    ["Mon Mar 31 09:00:00 2025", true],
    ["Tue, 01 Apr 2025 00:00:01 GMT", false],
    ["Wed, 01 Jan 2031 00:00:00 GMT", false],
    ["2025-03-31T09:00:00Z", false],
    ["Mon, 31 Mar 2025 09:00:00", false],
    ["31 Mar 2025", false],
    ["Mon, 31 Feb 2025 09:00:00 GMT", false],
  ])("If-Modified-Since: %s → %s", (since, expected) => {
    expect(notModified({ "if-modified-since": since }, etag, at, now)).toBe(expected);
  });

  it("never says not modified by date for a feed without a date", () => {
    expect(notModified({ "if-modified-since": "Mon, 31 Mar 2025 09:00:00 GMT" }, etag, null)).toBe(
      false,
    );
  });
});
