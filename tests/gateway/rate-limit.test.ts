// Rate limits: per token subject, per address without a token, a smaller budget for anonymous
// writes, HTTP 429 RATE_LIMITED with Retry-After (the Atom feed too: it reads as its reader), SERVICE
// calls exempt, and with Redis one budget shared by two gateway replicas. The gateway runs in front
// of one small inline subgraph (gateway-tester.ts): what the feed's operation reads (published
// stories) and a write that refuses callers without a token; `{ __typename }` asks no subgraph.
import http from "node:http";
import type { RunningServer } from "../../runtime/http/server";
import { unauthenticated } from "../../runtime/errors";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";

const LIMITS = {
  RATE_LIMIT_PER_MINUTE: "5",
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: "4",
  RATE_LIMIT_ANONYMOUS_WRITES_PER_HOUR: "2",
};

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const from = (ip: string) => ({ "x-forwarded-for": ip });
const READ = "{ __typename }";

/** What gateway/operations/story-feed.graphql reads, and one write. */
const publicity = {
  name: "publicity" as const,
  typeDefs: /* GraphQL */ `
    type Query {
      district(code: ID!): District
      caseStories(filter: CaseStoryFilter, first: Int!): StoryPage!
    }
    input CaseStoryFilter {
      districtCode: ID
      category: String
    }
    type District {
      code: ID!
      name: String!
    }
    type StoryPage {
      lastChangedAt: String
      nodes: [Story!]!
    }
    type Story {
      id: ID!
      title: String!
      summary: String!
      body: String!
      publishedAt: String!
      categories: [String!]!
      district: District
    }
    type Mutation {
      reviewStation(id: ID!, decision: String!): Story
    }
  `,
  resolvers: {
    Query: {
      district: (_: unknown, { code }: { code: string }) => ({ code, name: "南山区" }),
      caseStories: () => ({
        lastChangedAt: "2026-12-01T08:00:00.000Z",
        nodes: [
          {
            id: "1",
            title: "创业服务进园区",
            summary: "摘要",
            body: "正文",
            publishedAt: "2026-12-01T08:00:00.000Z",
            categories: ["STARTUP"],
            district: { code: "440305", name: "南山区" },
          },
        ],
      }),
    },
    Mutation: {
      reviewStation: (_: unknown, _args: unknown, { caller }: { caller: unknown }) => {
        if (!caller) throw unauthenticated();
        return null;
      },
    },
  },
};

const tester = (env: Record<string, string> = {}) =>
  createGatewayTester({ subgraphs: [publicity], env: { ...LIMITS, ...env } });

describe("in memory", () => {
  let fed: GatewayTester;
  beforeAll(async () => {
    fed = await tester();
  });
  afterAll(() => fed?.stop());

  it("gives each signed-in subject its own budget, then answers 429 with Retry-After", async () => {
    const alice = await fed.token("CITY_ADMIN", { sub: "alice" });
    const bob = await fed.token("CITY_ADMIN", { sub: "bob" });
    for (let i = 0; i < 5; i++) expect((await post(fed.url, READ, bearer(alice))).status).toBe(200);
    const over = await post(fed.url, READ, bearer(alice));
    expect(over.status).toBe(429);
    expect(over.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(over.body.errors[0].message).toMatch(/5 per minute per token; try again in \d+ s/);
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.body.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);
    expect(over.body.errors[0].extensions.http).toBeUndefined();
    expect((await post(fed.url, READ, bearer(bob))).status).toBe(200);
  });

  it("counts anonymous callers per address", async () => {
    for (let i = 0; i < 4; i++)
      expect((await post(fed.url, READ, from("203.0.113.7"))).status).toBe(200);
    expect((await post(fed.url, READ, from("203.0.113.7"))).status).toBe(429);
    expect((await post(fed.url, READ, from("203.0.113.8"))).status).toBe(200);
  });

  it("allows far fewer anonymous writes than reads", async () => {
    const write = `mutation { reviewStation(id: "1", decision: "ACCEPT") { id } }`;
    const ip = from("198.51.100.20");
    // Refused for want of a token, but counted: the budget stops floods, not only successes.
    for (let i = 0; i < 2; i++) {
      const answer = await post(fed.url, write, ip);
      expect(answer.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    const over = await post(fed.url, write, ip);
    expect(over.status).toBe(429);
    expect(over.body.errors[0].message).toMatch(/2 changes per hour per address without a token/);
    expect((await post(fed.url, READ, ip)).status).toBe(200);
  });

  it("counts requests that do not parse, do not validate or carry a bad token", async () => {
    const ip = from("192.0.2.44");
    expect((await post(fed.url, "{ ", ip)).status).toBe(400);
    expect((await post(fed.url, "{ nope }", ip)).status).toBe(400);
    expect((await post(fed.url, READ, { ...ip, ...bearer("not-a-token") })).status).toBe(401);
    expect((await post(fed.url, READ, ip)).status).toBe(200);
    const over = await post(fed.url, "{ ", ip);
    expect(over.status).toBe(429);
    expect(over.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await post(fed.url, READ, { ...ip, ...bearer("not-a-token") })).status).toBe(429);
  });

  it("counts feed reads, conditional ones too, and answers 429 with Retry-After over the budget", async () => {
    const reader = from("192.0.2.54");
    const feed = (headers: Record<string, string> = {}) =>
      fetch(`${fed.origin}/feeds/stories.xml`, { headers: { ...reader, ...headers } });
    const first = await feed();
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    // A conditional request reads the stories too (the document is rebuilt to compare): counted.
    for (let i = 0; i < 3; i++) expect((await feed({ "if-none-match": etag })).status).toBe(304);
    const logged = fed.logs().length;
    for (const headers of [{}, { "if-none-match": etag }] as Array<Record<string, string>>) {
      const over = await feed(headers);
      expect(over.status).toBe(429);
      const retryAfter = Number(over.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(over.headers.get("cache-control")).toBeNull();
      expect(await over.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(
              /^too many requests: 4 per minute per address without a token; try again in \d+ s$/,
            ),
            extensions: expect.objectContaining({
              code: "RATE_LIMITED",
              retryAfterSeconds: retryAfter,
            }),
          },
        ],
      });
    }
    // A refusal is the reader's business, not an incident: no warning per refused request.
    const warnings = fed
      .logs()
      .slice(logged)
      .filter((line) => JSON.parse(line).level >= 40);
    expect(warnings).toEqual([]);
    // The feed spent this reader's budget, nobody else's.
    expect((await post(fed.url, READ, reader)).status).toBe(429);
    expect((await feed({ ...from("192.0.2.55") })).status).toBe(200);
  });

  it("does not count the subgraphs' own SERVICE calls", async () => {
    const service = await fed.token("SERVICE", { sub: "service:districts" });
    for (let i = 0; i < 8; i++)
      expect((await post(fed.url, READ, bearer(service))).status).toBe(200);
  });
});

/** A read sent from `localAddress` (a loopback address of this machine), as a proxy would. */
function readFrom(url: string, localAddress: string, forwardedFor?: string) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        localAddress,
        agent: false,
        headers: {
          "content-type": "application/json",
          ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify({ query: READ }));
  });
}

describe("TRUSTED_PROXIES: whose X-Forwarded-For names the client", () => {
  let fed: GatewayTester;
  // 127.0.0.4/30 stands for the load balancers' subnet (127.0.0.4-7); 127.0.0.1 and 127.0.0.3
  // are other peers, which are not proxies (loopback is no longer trusted once the list is set).
  beforeAll(async () => {
    fed = await tester({ TRUSTED_PROXIES: "127.0.0.4/30, ::1" });
  });
  afterAll(() => fed?.stop());

  it("keeps each forwarded client's budget behind a trusted proxy", async () => {
    for (let i = 0; i < 4; i++)
      expect(await readFrom(fed.url, "127.0.0.5", "203.0.113.1")).toBe(200);
    expect(await readFrom(fed.url, "127.0.0.5", "203.0.113.1")).toBe(429);
    // Another member of the public behind the same balancer has a budget of its own.
    expect(await readFrom(fed.url, "127.0.0.5", "203.0.113.2")).toBe(200);
    // Through two proxies of the range (the second forwarded what the first was told), or
    // through either alone, one client spends one budget.
    for (const [peer, forwarded] of [
      ["127.0.0.6", "198.51.100.9, 127.0.0.7"],
      ["127.0.0.6", "198.51.100.9, 127.0.0.7"],
      ["127.0.0.5", "198.51.100.9"],
      ["127.0.0.7", "198.51.100.9"],
    ])
      expect(await readFrom(fed.url, peer, forwarded)).toBe(200);
    expect(await readFrom(fed.url, "127.0.0.4", "198.51.100.9")).toBe(429);
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    // Each request names another client, yet all spend 127.0.0.3's one budget.
    for (let i = 0; i < 4; i++)
      expect(await readFrom(fed.url, "127.0.0.3", `192.0.2.${i + 1}`)).toBe(200);
    expect(await readFrom(fed.url, "127.0.0.3", "192.0.2.99")).toBe(429);
    expect(await readFrom(fed.url, "127.0.0.1", "192.0.2.99")).toBe(200);
    // Nor can a client behind a trusted proxy escape by naming another address before its own.
    for (let i = 0; i < 4; i++)
      expect(await readFrom(fed.url, "127.0.0.5", `192.0.2.${i}, 203.0.113.50`)).toBe(200);
    expect(await readFrom(fed.url, "127.0.0.5", "192.0.2.200, 203.0.113.50")).toBe(429);
  });
});

describe("with Redis, shared by two gateway replicas", () => {
  let fed: GatewayTester;
  let second: RunningServer;
  beforeAll(async () => {
    fed = await tester({ REDIS_URL: "redis://127.0.0.1:6379" });
    second = await fed.startReplica();
  });
  afterAll(() => fed?.stop());

  it("spends one budget whichever replica answers", async () => {
    const carol = await fed.token("DASHBOARD_VIEWER", { sub: "carol" });
    const urls = [fed.url, second.url];
    for (let i = 0; i < 5; i++)
      expect((await post(urls[i % 2], READ, bearer(carol))).status).toBe(200);
    expect((await post(second.url, READ, bearer(carol))).status).toBe(429);
    expect((await post(fed.url, READ, bearer(carol))).status).toBe(429);
  });
});

describe("with a Redis that does not answer", () => {
  let fed: GatewayTester;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    fed = await tester({ REDIS_URL: "redis://127.0.0.1:1" });
  });
  afterAll(() => fed?.stop());

  it("keeps serving, with the budget kept in memory", async () => {
    const dave = await fed.token("CITY_ADMIN", { sub: "dave" });
    for (let i = 0; i < 5; i++) expect((await post(fed.url, READ, bearer(dave))).status).toBe(200);
    expect((await post(fed.url, READ, bearer(dave))).status).toBe(429);
  });
});
