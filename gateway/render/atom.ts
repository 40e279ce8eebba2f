// Published stories → an Atom 1.0 document (RFC 4287), written by the `feed` library. Pure: the
// same stories and options always give the same bytes, so the route's ETag is a hash of them.
import { Feed } from "feed";

export interface FeedStory {
  id: string;
  title: string;
  summary: string;
  body: string;
  publishedAt: string;
  categories: string[];
  district: { code: string; name: string } | null;
}

export interface AtomOptions {
  /** tag URI authority, e.g. "sme.sz.gov.cn,2025" (RFC 4151). */
  tagAuthority: string;
  /** This feed's own URL (rel="self"). */
  selfUrl: string;
  /** A story's public page, "{id}" for its id; null: the entry's place in this feed. */
  storyUrl: string | null;
  title: string;
  /** The feed's filters, for its id: another filter is another feed. */
  filters: Record<string, string>;
  /** When the list last changed; null when it never had a story. */
  updated: Date | null;
}

/** XML 1.0 cannot carry these at all (a parser refuses the document): they are dropped. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are what it must find
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text the library writes as XML text (it escapes it): only what XML cannot carry goes. */
export const xmlText = (text: string) => text.replace(NOT_XML, "");

/** An attribute value: the library escapes only & and ", so a < (not allowed there) goes too. */
export const xmlAttribute = (text: string) => xmlText(text).replace(/</g, "");

/** Plain text as the HTML the library declares (type="html"): escaped, so < & > stay text. */
export const asHtml = (text: string) =>
  xmlText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** The body's paragraphs (separated by blank or single newlines) as <p> elements. */
export const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${asHtml(p)}</p>`)
    .join("");

export const tagUri = (authority: string, specific: string) => `tag:${authority}:${specific}`;

export function renderAtom(stories: FeedStory[], options: AtomOptions): string {
  const query = new URLSearchParams(options.filters).toString();
  const feed = new Feed({
    id: tagUri(options.tagAuthority, `stories${query ? `?${query}` : ""}`),
    title: xmlText(options.title),
    updated: options.updated ?? new Date(0),
    generator: false,
    language: "zh-CN",
    feedLinks: { atom: options.selfUrl },
    author: { name: "深圳市中小企业服务志愿者 宣传办公室" },
  });
  const categoryScheme = tagUri(options.tagAuthority, "service-category");
  const districtScheme = tagUri(options.tagAuthority, "district");
  for (const story of stories) {
    const published = new Date(story.publishedAt);
    const page = options.storyUrl
      ? options.storyUrl.replace("{id}", encodeURIComponent(story.id))
      : `${options.selfUrl.split("#")[0]}#story-${story.id}`;
    feed.addItem({
      id: tagUri(options.tagAuthority, `story/${story.id}`),
      title: asHtml(story.title),
      link: page,
      // Published stories are never edited (only drafts are): their content dates from publication.
      date: published,
      published,
      description: asHtml(story.summary),
      content: paragraphs(story.body),
      category: [
        ...story.categories.map((term) => ({ term, scheme: categoryScheme })),
        ...(story.district
          ? [
              {
                term: story.district.code,
                name: xmlAttribute(story.district.name),
                scheme: districtScheme,
              },
            ]
          : []),
      ],
    });
  }
  return feed.atom1();
}
