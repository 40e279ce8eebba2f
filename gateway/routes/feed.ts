// GET /feeds/stories.xml: an Atom 1.0 feed of the latest published case stories for outlets, with
// ?district=CODE and ?category=CATEGORY filters. It reads through the hub's own GraphQL (the
// gateway executes operations/story-feed.graphql as an anonymous caller: published stories only)
// and renders with gateway/render/atom.ts. ETag (a hash of the document) and Last-Modified (when
// the list last changed, retractions included) let readers poll with a conditional GET and get
// 304 Not Modified while nothing changed. Its links come from PUBLIC_URL, never from request headers.
import { createHash } from "node:crypto";
import type { ApolloServer } from "@apollo/server";
import { buildSchema, isEnumType } from "graphql";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { HubConfig } from "../../runtime/config";
import { badInput } from "../../runtime/errors";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import { anonymousContext, type GatewayContext } from "../context";
import { renderAtom, type FeedStory } from "../render/atom";
import { readSupergraph } from "../supergraph";
import { answerError, routeOperation, runOperation } from "./operation";

export const FEED_PATH = "/feeds/stories.xml";
export const FEED_SIZE = 50;
const FEED_MAX_AGE_SECONDS = 60;
const STORY_FEED = routeOperation("story-feed");

interface FeedData {
  district?: { code: string; name: string } | null;
  caseStories: { lastChangedAt: string | null; nodes: FeedStory[] };
}

/** The service categories, as the hub's schema has them (not a second copy of the list). */
let categories: string[] | null = null;
function serviceCategories(): string[] {
  if (!categories) {
    const type = buildSchema(readSupergraph(), { assumeValidSDL: true }).getType("ServiceCategory");
    categories = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
  }
  return categories;
}

/** The feed's filters from the query string; anything else is a 400 naming it. */
export function feedFilters(query: Record<string, unknown>): {
  district?: string;
  category?: string;
} {
  const filters: { district?: string; category?: string } = {};
  for (const [key, raw] of Object.entries(query)) {
    if (key !== "district" && key !== "category")
      throw badInput(`unknown parameter "${key}": the feed takes district and category`);
    if (typeof raw !== "string") throw badInput(`give ${key} once`);
    filters[key] = raw.trim();
  }
  if (filters.district !== undefined && !/^\d{6}$/.test(filters.district))
    throw badInput(
      `district "${filters.district}" is not a district code; use a 6-digit code such as 440305 (南山区)`,
    );
  if (filters.category !== undefined && !serviceCategories().includes(filters.category))
    throw badInput(
      `category "${filters.category}" is not a service category; use one of ${serviceCategories().join(", ")}`,
    );
  return filters;
}

/**
 * Runs the feed's operation in the gateway, as an anonymous caller: it spends the reader's
 * anonymous budget (over it, RATE_LIMITED with Retry-After, as any GraphQL client is told).
 */
async function readFeed(
  apollo: ApolloServer<GatewayContext>,
  request: FastifyRequest,
  filters: { district?: string; category?: string },
): Promise<FeedData> {
  const data = await runOperation<FeedData>(apollo, STORY_FEED, {
    variables: {
      filter: { districtCode: filters.district, category: filters.category },
      first: FEED_SIZE,
      districtCode: filters.district ?? "",
      byDistrict: filters.district !== undefined,
    },
    context: anonymousContext(request),
  });
  if (filters.district !== undefined && !data.district)
    throw badInput(
      `there is no district ${filters.district}; Shenzhen's codes run from 440303 to 440311, 440391 and 440392`,
    );
  return data;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HTTP_DATES = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<day>\d{2}) (?<month>[A-Z][a-z]{2}) (?<year>\d{4}) (?<time>\d{2}:\d{2}:\d{2}) GMT$/,
  // obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?<day>\d{2})-(?<month>[A-Z][a-z]{2})-(?<year>\d{2}) (?<time>\d{2}:\d{2}:\d{2}) GMT$/,
  // obsolete asctime: Sun Nov  6 08:49:37 1994
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<month>[A-Z][a-z]{2}) (?<day>[ \d]\d) (?<time>\d{2}:\d{2}:\d{2}) (?<year>\d{4})$/,
];

/** An HTTP-date (RFC 9110 §5.6.7) in milliseconds, or null for anything else. */
export function parseHttpDate(text: string, now = new Date()): number | null {
  for (const format of HTTP_DATES) {
    const parts = format.exec(text.trim())?.groups;
    if (!parts) continue;
    const month = MONTHS.indexOf(parts.month);
    let year = Number(parts.year);
    // A two-digit year more than 50 years ahead is the latest past year with those digits.
    if (parts.year.length === 2) {
      const century = Math.floor(now.getUTCFullYear() / 100) * 100;
      year += century;
      if (year > now.getUTCFullYear() + 50) year -= 100;
    }
    const [h, m, s] = parts.time.split(":").map(Number);
    const day = Number(parts.day);
    const at = new Date(Date.UTC(year, month, day, h, m, s));
    // Date.UTC rolls 31 Feb over into March: such a date is not valid.
    if (month < 0 || at.getUTCDate() !== day || at.getUTCHours() !== h || m > 59 || s > 60)
      return null;
    return at.getTime();
  }
  return null;
}

/**
 * RFC 9110: If-None-Match (weak comparison) decides when present, else If-Modified-Since, which is
 * ignored when it is not an HTTP-date or is later than the server's clock (§13.1.3).
 */
export function notModified(
  headers: { "if-none-match"?: string; "if-modified-since"?: string },
  etag: string,
  lastModified: Date | null,
  now = new Date(),
): boolean {
  const match = headers["if-none-match"];
  if (match !== undefined) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, "");
    return match.trim() === "*" || match.split(",").some((tag) => bare(tag) === bare(etag));
  }
  const since = headers["if-modified-since"];
  if (since === undefined || !lastModified) return false;
  const at = parseHttpDate(since, now);
  if (at === null || at > now.getTime()) return false;
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= at;
}

/**
 * The feed's own URL, from PUBLIC_URL and the filters it was asked with: never from the request's
 * Host or X-Forwarded-* headers (the client's to write, and the document is cached publicly).
 */
export function feedUrl(publicUrl: string, filters: { district?: string; category?: string }) {
  const query = new URLSearchParams();
  if (filters.district !== undefined) query.set("district", filters.district);
  if (filters.category !== undefined) query.set("category", filters.category);
  return `${publicUrl}${FEED_PATH}${query.size ? `?${query.toString()}` : ""}`;
}

export function feedRoutes(
  apollo: ApolloServer<GatewayContext>,
  hub: HubConfig,
  log: Logger,
): Route[] {
  const config = hub.feed;
  async function handler(request: FastifyRequest, reply: FastifyReply) {
    let body: string;
    let lastModified: Date | null;
    try {
      const filters = feedFilters(request.query as Record<string, unknown>);
      const data = await readFeed(apollo, request, filters);
      lastModified = data.caseStories.lastChangedAt
        ? new Date(data.caseStories.lastChangedAt)
        : null;
      const about = [
        data.district?.name,
        filters.category ? `${filters.category}` : undefined,
      ].filter(Boolean);
      body = renderAtom(data.caseStories.nodes, {
        tagAuthority: config.tagAuthority,
        storyUrl: config.storyUrl,
        selfUrl: feedUrl(hub.servers.publicUrl, filters),
        title: `深圳市中小企业志愿服务典型案例${about.length ? `（${about.join("，")}）` : ""}`,
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
        updated: lastModified,
      });
    } catch (error) {
      return answerError(request, reply, error, { log });
    }
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    reply.header("etag", etag).header("cache-control", `public, max-age=${FEED_MAX_AGE_SECONDS}`);
    if (lastModified) reply.header("last-modified", lastModified.toUTCString());
    if (notModified(request.headers, etag, lastModified)) return reply.code(304).send();
    return reply.type("application/atom+xml; charset=utf-8").send(body);
  }
  // Fastify answers HEAD for every GET route.
  return [{ method: "GET", path: FEED_PATH, handler }];
}
