// GET /feeds/stories.xml on the gateway: an Atom 1.0 feed of the latest 50 published stories,
// parsed with an XML parser: the right entries in the right order with their ids, dates,
// categories and district; the district and category filters and their refusals; ETag and
// Last-Modified with 304 Not Modified on a repeated conditional request, and a fresh document
// after a publication or a retraction. Every link comes from PUBLIC_URL, never from the request's
// Host or X-Forwarded-* headers.
import net from "node:net";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute } from "../helpers/graphql";
import { DISTRICTS } from "../../subgraphs/shared/vocabulary";
import { publishedStory, storyInput } from "./fixtures";

let fed: Federation;
let alice: string;
let bob: string;

beforeAll(async () => {
  fed = await bootFederation({
    env: { FEED_TAG_AUTHORITY: "sme.example.cn,2025", PUBLIC_URL: "https://Hub.Example.cn/sme/" },
  });
  alice = await fed.token("PUBLICITY_EDITOR", { sub: "editor-alice" });
  bob = await fed.token("PUBLICITY_EDITOR", { sub: "editor-bob" });
});
afterAll(() => fed?.stop());

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => ["entry", "category", "link"].includes(name),
});

interface Entry {
  id: string;
  title: { "#text": string; type: string };
  summary: { "#text": string; type: string };
  content: { "#text": string; type: string };
  updated: string;
  published: string;
  link: Array<{ href: string }>;
  category: Array<{ term: string; scheme: string; label?: string }>;
}

async function get(query = "", headers: Record<string, string> = {}) {
  const response = await fetch(`${fed.gatewayOrigin}/feeds/stories.xml${query}`, { headers });
  const text = await response.text();
  return { response, text };
}

async function feed(query = "") {
  const { response, text } = await get(query);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = parser.parse(text).feed;
  return { response, doc, entries: (doc.entry ?? []) as Entry[] };
}

/** Where the public finds the feed: PUBLIC_URL, normalised, and the feed's path. */
const FEED_URL = "https://hub.example.cn/sme/feeds/stories.xml";

/**
 * A request written byte for byte (fetch will not send a Host of our choosing, nor HTTP/1.0):
 * the status, the headers and the body of the answer.
 */
function raw(lines: string[]): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(fed.gatewayOrigin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]),
        headers: head,
        body: rest.join("\r\n\r\n"),
      });
    });
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

/** Every URL the document holds: its self link and the entries' links. */
function links(text: string): string[] {
  const doc = parser.parse(text).feed;
  return [
    ...doc.link.map((l: { href: string }) => l.href),
    ...((doc.entry ?? []) as Entry[]).flatMap((e) => e.link.map((l) => l.href)),
  ];
}

const storyId = (entry: Entry) => entry.id.replace("tag:sme.example.cn,2025:story/", "");

/** The demo's published stories, newest publication first, as the feed must list them. */
const publishedDemo = (keep: (s: Federation["demo"]["stories"][number]) => boolean = () => true) =>
  fed.demo.stories
    .filter((s) => s.status === "PUBLISHED" && keep(s))
    .sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!) || b.id - a.id);

describe("the feed", () => {
  it("lists the published stories newest first, each with its id, dates, categories and district", async () => {
    const { doc, entries } = await feed();
    expect(doc.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(doc.id).toBe("tag:sme.example.cn,2025:stories");
    expect(doc.link).toEqual([{ rel: "self", href: FEED_URL }]);
    expect(doc.author.name).toBeTruthy();
    const expected = publishedDemo();
    expect(entries.map(storyId)).toEqual(expected.map((s) => String(s.id)));
    const [entry, story] = [entries[0], expected[0]];
    expect(entry).toMatchObject({
      title: { "#text": story.title, type: "html" },
      summary: { "#text": story.summary, type: "html" },
      published: story.publishedAt,
      updated: story.publishedAt,
    });
    expect(entry.content["#text"]).toContain(story.body.slice(0, 20));
    expect(entry.link[0].href).toBe(`${FEED_URL}#story-${story.id}`);
    const district = DISTRICTS.find((d) => d.code === story.districtCode)!;
    expect(entry.category).toEqual([
      ...story.categories.map((term) => ({
        term,
        scheme: "tag:sme.example.cn,2025:service-category",
      })),
      {
        term: story.districtCode,
        label: district.name,
        scheme: "tag:sme.example.cn,2025:district",
      },
    ]);
    // No draft, review or retracted story ever appears.
    const hidden = fed.demo.stories
      .filter((s) => s.status !== "PUBLISHED")
      .map((s) => String(s.id));
    expect(entries.map(storyId).filter((id) => hidden.includes(id))).toEqual([]);
  });

  it("filters by district and by category", async () => {
    const story = publishedDemo()[0];
    const byDistrict = await feed(`?district=${story.districtCode}`);
    expect(byDistrict.doc.id).toBe(
      `tag:sme.example.cn,2025:stories?district=${story.districtCode}`,
    );
    // The self link names the filters as the feed reads them, not as the request spelled them.
    const spelled = await get(`?category=${story.categories[0]}&district=%20${story.districtCode}`);
    expect(parser.parse(spelled.text).feed.link[0].href).toBe(
      `${FEED_URL}?district=${story.districtCode}&category=${story.categories[0]}`,
    );
    expect(byDistrict.entries.map(storyId)).toEqual(
      publishedDemo((s) => s.districtCode === story.districtCode).map((s) => String(s.id)),
    );
    const category = story.categories[0];
    const byCategory = await feed(`?category=${category}`);
    expect(byCategory.entries.map(storyId)).toEqual(
      publishedDemo((s) => s.categories.includes(category)).map((s) => String(s.id)),
    );
    const both = await feed(`?district=${story.districtCode}&category=${category}`);
    expect(both.entries.map(storyId)).toEqual(
      publishedDemo(
        (s) => s.districtCode === story.districtCode && s.categories.includes(category),
      ).map((s) => String(s.id)),
    );
  });

  it.each([
    ["?district=南山", /is not a district code/],
    ["?district=440399", /there is no district 440399/],
    ["?category=COOKING", /"COOKING" is not a service category; use one of POLICY, /],
    ["?category=legal", /is not a service category/],
    ["?district=440305&district=440306", /give district once/],
    ["?page=2", /unknown parameter "page"/],
  ])("answers %s with 400 and says why", async (query, message) => {
    const { response, text } = await get(query);
    expect(response.status).toBe(400);
    const body = JSON.parse(text);
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(message);
  });

  it("builds every link from PUBLIC_URL, whatever the request's Host and X-Forwarded-* say", async () => {
    const { text: plain } = await get();
    expect(links(plain).every((href) => href.startsWith(FEED_URL))).toBe(true);
    const forwarded = await get("", {
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "javascript",
    });
    expect(forwarded.response.status).toBe(200);
    expect(forwarded.text).toBe(plain);
    for (const request of [
      ["GET /feeds/stories.xml HTTP/1.1", "Host: evil.example", "Connection: close"],
      ["GET /feeds/stories.xml HTTP/1.1", "Host: [::1", "Connection: close"],
      ["GET /feeds/stories.xml HTTP/1.1", "Host: a b", "Connection: close"],
      ["GET /feeds/stories.xml HTTP/1.0"],
    ]) {
      const answer = await raw(request);
      expect({ request, status: answer.status }).toEqual({ request, status: 200 });
      expect(answer.body).toBe(plain);
    }
  });

  it("holds the latest 50 of more than 50", async () => {
    // The demo has 24 published stories; 30 more about Nanshan make 54 in all.
    for (let i = 0; i < 30; i += 1)
      await publishedStory(fed, alice, bob, storyInput(fed, { title: `第${i}号案例` }));
    const { entries } = await feed();
    expect(entries).toHaveLength(50);
    expect(entries[0].title["#text"]).toBe("第29号案例");
    const times = entries.map((e) => `${e.published}|${storyId(e).padStart(9, "0")}`);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe("conditional requests", () => {
  it("sends ETag and Last-Modified and answers a repeated conditional request with 304", async () => {
    const { response } = await feed("?district=440305");
    const etag = response.headers.get("etag")!;
    const lastModified = response.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(Date.parse(lastModified)).not.toBeNaN();
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);

    const byTag = await get("?district=440305", { "if-none-match": etag });
    expect(byTag.response.status).toBe(304);
    expect(byTag.text).toBe("");
    expect(byTag.response.headers.get("etag")).toBe(etag);
    const byDate = await get("?district=440305", { "if-modified-since": lastModified });
    expect(byDate.response.status).toBe(304);
    // A date after the server's clock is invalid (RFC 9110 §13.1.3): ignored, the full document.
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toUTCString();
    for (const since of [tomorrow, "Wed, 01 Jan 2031 00:00:00 GMT"]) {
      const future = await get("?district=440305", { "if-modified-since": since });
      expect({ since, status: future.response.status }).toEqual({ since, status: 200 });
    }
    // Another filter is another document.
    expect((await get("?district=440306", { "if-none-match": etag })).response.status).toBe(200);
    expect((await get("?district=440305", { "if-none-match": '"other"' })).response.status).toBe(
      200,
    );
  });

  it("changes with a publication and with a retraction", async () => {
    const first = await feed("?district=440307");
    const etag = first.response.headers.get("etag")!;
    const id = await publishedStory(
      fed,
      alice,
      bob,
      storyInput(fed, { districtCode: "440307", title: "龙岗新案例 <强调> & 更多" }),
    );
    const published = await get("?district=440307", { "if-none-match": etag });
    expect(published.response.status).toBe(200);
    const doc = parser.parse(published.text).feed;
    const entries = doc.entry as Entry[];
    expect(storyId(entries[0])).toBe(id);
    // Plain text, declared as HTML: the reader shows the characters, not markup.
    expect(entries[0].title["#text"]).toBe("龙岗新案例 &lt;强调&gt; &amp; 更多");
    const after = published.response.headers.get("etag")!;
    expect(after).not.toBe(etag);

    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { retractStory(id: $id, reason: "撤回测试") { status } }`,
      variables: { id },
      token: bob,
    });
    const retracted = await get("?district=440307", { "if-none-match": after });
    expect(retracted.response.status).toBe(200);
    const left = ((parser.parse(retracted.text).feed.entry ?? []) as Entry[]).map(storyId);
    expect(left).not.toContain(id);
    expect(retracted.response.headers.get("etag")).not.toBe(after);
    // The list changed at the retraction: a reader that only sends If-Modified-Since sees it too.
    expect(Date.parse(retracted.response.headers.get("last-modified")!)).toBeGreaterThanOrEqual(
      Date.parse(published.response.headers.get("last-modified")!),
    );
  });
});
