// The gateway's response cache of dashboard reads: a repeated read is served from the cache, a
// publish through the gateway is visible in the very next read, scopes never share answers,
// anonymous dashboard answers are never cached, anonymous public story pages stay cached across a
// district's publish, and with REDIS_URL two gateway replicas share entries and
// invalidations. The gateway runs in front of a small inline districts subgraph
// (gateway-tester.ts) whose aggregate fields carry PRIVATE cache hints, as the real ones do
// (subgraphs/shared/cache-hint.ts), and which counts the calls it answers.
import { cacheControlFromInfo } from "@apollo/cache-control-types";
import type { GraphQLResolveInfo } from "graphql";
import type { Caller } from "../../runtime/auth";
import { forbidden, unauthenticated } from "../../runtime/errors";
import type { RunningServer } from "../../runtime/http/server";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";

const DISTRICTS = ["440303", "440305", "440306", "440307"];

/** districts with an open-demand count each, and the dashboard's aggregates over them. */
function districtsSubgraph() {
  const open = new Map(DISTRICTS.map((code, i) => [code, 10 * (i + 1)]));
  /** The districts a caller may see (an operator: its own), or a refusal. */
  const visible = (caller: Caller | null) => {
    if (!caller) throw unauthenticated();
    if (caller.role === "DISTRICT_OPERATOR") return [caller.district!];
    if (caller.role === "CITY_ADMIN" || caller.role === "DASHBOARD_VIEWER") return DISTRICTS;
    throw forbidden("the dashboard is for the city and district staff");
  };
  const hint = (info: GraphQLResolveInfo) =>
    cacheControlFromInfo(info).setCacheHint({ maxAge: 60, scope: "PRIVATE" });
  type Ctx = { caller: Caller | null };
  return {
    name: "districts" as const,
    typeDefs: /* GraphQL */ `
      type Query {
        demandStats(from: String!, to: String!): DemandStats!
        districts: [DistrictRow!]!
        stations(districtCode: ID!, first: Int!): [Station!]!
      }
      type DemandStats {
        total: Int!
      }
      type DistrictRow {
        code: ID!
        openDemandCount: Int!
      }
      type Station {
        id: ID!
      }
      enum Decision {
        ACCEPT
        REJECT
      }
      type PublishResult {
        created: Int!
      }
      type Mutation {
        publishDemands(districtCode: ID!, count: Int!): PublishResult!
        reviewStation(id: ID!, decision: Decision!): Station
      }
    `,
    resolvers: {
      Query: {
        demandStats: (_: unknown, _args: unknown, { caller }: Ctx, info: GraphQLResolveInfo) => {
          hint(info);
          return { total: visible(caller).reduce((sum, code) => sum + open.get(code)!, 0) };
        },
        districts: (_: unknown, _args: unknown, { caller }: Ctx, info: GraphQLResolveInfo) => {
          hint(info);
          return visible(caller).map((code) => ({ code, openDemandCount: open.get(code) }));
        },
        stations: (_: unknown, { districtCode }: { districtCode: string }, { caller }: Ctx) => {
          visible(caller);
          return [{ id: `${districtCode}-1` }];
        },
      },
      Mutation: {
        publishDemands: (
          _: unknown,
          { districtCode, count }: { districtCode: string; count: number },
          { caller }: Ctx,
        ) => {
          if (!visible(caller).includes(districtCode)) throw forbidden("another district");
          open.set(districtCode, open.get(districtCode)! + count);
          return { created: count };
        },
        reviewStation: (_: unknown, { id }: { id: string }, { caller }: Ctx) => {
          visible(caller);
          return { id };
        },
      },
    },
  };
}

/** Published stories, open to anyone: PUBLIC cache hints, as publicity's real ones. */
function publicitySubgraph() {
  const stories = [1, 2, 3].map((i) => ({ id: String(i), title: `story ${i}` }));
  const hint = (info: GraphQLResolveInfo) =>
    cacheControlFromInfo(info).setCacheHint({ maxAge: 60, scope: "PUBLIC" });
  return {
    name: "publicity" as const,
    typeDefs: /* GraphQL */ `
      type Query {
        caseStories(first: Int!): StoryPage!
      }
      type StoryPage {
        totalCount: Int!
        nodes: [Story!]!
      }
      type Story {
        id: ID!
        title: String!
      }
    `,
    resolvers: {
      Query: {
        caseStories: (
          _: unknown,
          { first }: { first: number },
          _ctx: unknown,
          info: GraphQLResolveInfo,
        ) => {
          hint(info);
          return { totalCount: stories.length, nodes: stories.slice(0, first) };
        },
      },
      // Every object field of a cacheable answer carries a hint (subgraphs/shared/cache-hint.ts).
      StoryPage: {
        nodes: (
          page: { nodes: unknown[] },
          _: unknown,
          _ctx: unknown,
          info: GraphQLResolveInfo,
        ) => {
          hint(info);
          return page.nodes;
        },
      },
    },
  };
}

const DASHBOARD = `query CityDashboard($from: String!, $to: String!) {
  demandStats(from: $from, to: $to) { total }
  districts { code openDemandCount }
}`;
const range = { from: "2025-12-07", to: "2026-12-07" };

interface Dashboard {
  demandStats: { total: number };
  districts: Array<{ code: string; openDemandCount: number }>;
}

/** Publishes one new OPEN demand in `district`, as the city. */
async function publishDemand(tester: GatewayTester, gatewayUrl: string, district: string) {
  const response = await fetch(gatewayUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await tester.token("CITY_ADMIN")}`,
    },
    body: JSON.stringify({
      query: "mutation Publish($d: ID!) { publishDemands(districtCode: $d, count: 1) { created } }",
      variables: { d: district },
    }),
  });
  expect(await response.json()).toEqual({ data: { publishDemands: { created: 1 } } });
}

async function read(gatewayUrl: string, token?: string) {
  const response = await fetch(gatewayUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: DASHBOARD, variables: range }),
  });
  const body = (await response.json()) as {
    data?: Dashboard;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
  return {
    response: { ...body, headers: response.headers },
    hit: response.headers.get("age") !== null,
  };
}

describe("in memory", () => {
  let fed: GatewayTester;
  beforeAll(async () => {
    fed = await createGatewayTester({ subgraphs: [districtsSubgraph(), publicitySubgraph()] });
  });
  afterAll(() => fed?.stop());

  it("answers a repeated dashboard read from the cache", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const first = await read(fed.url, token);
    expect(first.response.errors).toBeUndefined();
    expect(first.hit).toBe(false);
    expect(first.response.headers.get("cache-control")).toMatch(/max-age=\d+, private/);
    const before = fed.calls();
    const second = await read(fed.url, token);
    expect(second.hit).toBe(true);
    expect(fed.calls()).toBe(before);
    expect(second.response.data).toEqual(first.response.data);
  });

  it("keeps its entries across a mutation that was refused and changed nothing", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    await read(fed.url, token);
    expect((await read(fed.url, token)).hit).toBe(true);
    const refused = await fed.send({
      query: `mutation { reviewStation(id: "1", decision: ACCEPT) { id } }`,
    });
    expect(refused.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect((await read(fed.url, token)).hit).toBe(true);
  });

  it("shows a publish in the very next read, for the city and for the district", async () => {
    const viewer = await fed.token("DASHBOARD_VIEWER");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440307" });
    await read(fed.url, viewer);
    const cityBefore = await read(fed.url, viewer);
    await read(fed.url, operator);
    const districtBefore = await read(fed.url, operator);
    expect([cityBefore.hit, districtBefore.hit]).toEqual([true, true]);
    await publishDemand(fed, fed.url, "440307");
    const city = await read(fed.url, viewer);
    const district = await read(fed.url, operator);
    expect([city.hit, district.hit]).toEqual([false, false]);
    expect(city.response.data!.demandStats.total).toBe(
      cityBefore.response.data!.demandStats.total + 1,
    );
    expect(district.response.data!.demandStats.total).toBe(
      districtBefore.response.data!.demandStats.total + 1,
    );
    const row = (r: typeof city) =>
      r.response.data!.districts.find((d) => d.code === "440307")!.openDemandCount;
    expect(row(city)).toBe(row(cityBefore) + 1);
  });

  it("keeps another district's cached answers across a publish elsewhere", async () => {
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440303" });
    await read(fed.url, operator);
    await publishDemand(fed, fed.url, "440307");
    expect((await read(fed.url, operator)).hit).toBe(true);
  });

  it("keeps the anonymous story pages cached across a district's publish", async () => {
    const stories = {
      query: "query Stories { caseStories(first: 5) { totalCount nodes { id title } } }",
    };
    const first = await fed.send(stories);
    expect(first.errors).toBeUndefined();
    expect(first.headers.get("cache-control")).toMatch(/public/);
    expect((await fed.send(stories)).headers.get("age")).not.toBeNull();
    const asked = fed.subgraphs.publicity!.calls();
    await publishDemand(fed, fed.url, "440307");
    const after = await fed.send(stories);
    expect(after.headers.get("age")).not.toBeNull();
    expect(after.data).toEqual(first.data);
    expect(fed.subgraphs.publicity!.calls()).toBe(asked);
    // The city's dashboard did move: the same publish is in its very next read.
    const viewer = await fed.token("DASHBOARD_VIEWER");
    await read(fed.url, viewer);
    await publishDemand(fed, fed.url, "440307");
    expect((await read(fed.url, viewer)).hit).toBe(false);
  });

  it("never serves one scope's answer to another", async () => {
    const viewer = await fed.token("DASHBOARD_VIEWER");
    await read(fed.url, viewer);
    expect((await read(fed.url, viewer)).hit).toBe(true);
    const editor = await read(fed.url, await fed.token("PUBLICITY_EDITOR"));
    expect(editor.hit).toBe(false);
    expect(editor.response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const operator = await read(
      fed.url,
      await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
    );
    expect(operator.hit).toBe(false);
    expect(operator.response.data!.districts).toHaveLength(1);
    const anonymous = await read(fed.url);
    expect(anonymous.hit).toBe(false);
    expect(anonymous.response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("does not cache reads that are not aggregates only", async () => {
    const token = await fed.token("CITY_ADMIN");
    const query = 'query DistrictStations { stations(districtCode: "440305", first: 5) { id } }';
    await fed.execute({ query, token });
    const again = await fed.send({ query, token });
    expect(again.errors).toBeUndefined();
    expect(again.headers.get("age")).toBeNull();
  });
});

describe("with Redis, shared by two gateway replicas", () => {
  let fed: GatewayTester;
  let second: RunningServer;
  beforeAll(async () => {
    fed = await createGatewayTester({
      subgraphs: [districtsSubgraph()],
      env: { REDIS_URL: "redis://127.0.0.1:6379" },
    });
    second = await fed.startReplica();
  });
  afterAll(() => fed?.stop());

  it("serves one replica's entry from the other, and invalidates both at once", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const filled = await read(fed.url, token);
    expect(filled.hit).toBe(false);
    const shared = await read(second.url, token);
    expect(shared.hit).toBe(true);
    await publishDemand(fed, fed.url, "440306");
    const fresh = await read(second.url, token);
    expect(fresh.hit).toBe(false);
    expect(fresh.response.data!.demandStats.total).toBe(
      filled.response.data!.demandStats.total + 1,
    );
  });
});
