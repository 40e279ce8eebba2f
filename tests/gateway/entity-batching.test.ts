// The gateway asks a subgraph for each entity once per request level (gateway/entity-batch.ts): a
// representation that several places share goes once, and the entity fetches one level starts
// against one subgraph go as one call. The answers, errors included, are the ones the planner's
// own fetches get (SUBGRAPH_BATCHING=0). Two inline subgraphs (gateway-tester.ts): publicity's
// stories name districts and stations; districts resolves both and counts what it is asked.
import { GraphQLScalarType, parse } from "graphql";
import { mergedOperation } from "../../gateway/entity-batch";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;

const STORIES = [
  { id: "s1", district: "A", stations: ["1", "2"] },
  { id: "s2", district: "B", stations: ["2"] },
  { id: "s3", district: "A", stations: ["1", "3"] },
  { id: "s4", district: "BAD", stations: [] },
  { id: "s5", district: "A", stations: ["3", "2"] },
  { id: "s6", district: "BAD", stations: ["1"] },
  { id: "s7", district: null, stations: [] },
];
const STATION_DISTRICT: Record<string, string> = { "1": "A", "2": "B", "3": "A" };

/** What districts resolved, by type, and the representations each call carried. */
const asked = { District: 0, Station: 0, perCall: [] as number[] };

const publicity = {
  name: "publicity" as const,
  typeDefs: `${FEDERATION}
    type Query { stories: [Story!]! }
    type Story @key(fields: "id") {
      id: ID!
      district: District
      stations: [Station!]!
    }
    type District @key(fields: "code", resolvable: false) { code: ID! }
    type Station @key(fields: "id", resolvable: false) { id: ID! }`,
  resolvers: {
    Query: { stories: () => STORIES },
    Story: {
      district: (s: (typeof STORIES)[number]) => (s.district ? { code: s.district } : null),
      stations: (s: (typeof STORIES)[number]) => s.stations.map((id) => ({ id })),
    },
  },
};

const districts = {
  name: "districts" as const,
  typeDefs: `${FEDERATION}
    scalar Day
    type District @key(fields: "code") {
      code: ID!
      name: String!
      motto: String
      tally(from: Day): Int
    }
    type Station @key(fields: "id") {
      id: ID!
      name: String!
      district: District!
    }`,
  resolvers: {
    // A date scalar that refuses a day the calendar does not have, as the hub's Date does.
    Day: new GraphQLScalarType({
      name: "Day",
      parseValue: (value) => {
        if (typeof value !== "string" || !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/.test(value))
          throw new TypeError(`${String(value)} is not a day`);
        return value;
      },
      serialize: (value) => value,
    }),
    District: {
      tally: ({ code }: { code: string }, { from }: { from?: string }) =>
        code.length + (from ? 1 : 0),
      __resolveReference: ({ code }: { code: string }) => {
        asked.District += 1;
        return { code };
      },
      name: ({ code }: { code: string }) => `区${code}`,
      motto: ({ code }: { code: string }) => {
        if (code === "BAD") throw new Error(`no motto for ${code}`);
        return `${code}的口号`;
      },
    },
    Station: {
      __resolveReference: ({ id }: { id: string }) => {
        asked.Station += 1;
        return { id };
      },
      name: ({ id }: { id: string }) => `工作站${id}`,
      district: ({ id }: { id: string }) => ({ code: STATION_DISTRICT[id] }),
    },
  },
};

const QUERY = `query Stories {
  stories {
    id
    district { code name motto }
    stations { id name district { name } }
  }
}`;

const WITH_FRAGMENTS = `query Stories {
  stories { id district { ...D } stations { id ...S } }
}
fragment D on District { code name motto }
fragment S on Station { name district { ...D } }`;

/** Errors in a stable order (by path), without the request id each request has its own of. */
const sorted = (errors: Array<{ path?: unknown; extensions?: Record<string, unknown> }> = []) =>
  errors
    .map(({ extensions: { requestId: _, ...extensions } = {}, ...error }) => ({
      ...error,
      extensions,
    }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

describe("entity fetches batched per subgraph and level", () => {
  let batched: GatewayTester;
  let plain: GatewayTester;
  beforeAll(async () => {
    const env = { RESPONSE_CACHE_TTL_SECONDS: "0", GATEWAY_DEDUP: "0", METRICS_TOKEN: "" };
    batched = await createGatewayTester({ subgraphs: [publicity, districts], env });
    plain = await createGatewayTester({
      subgraphs: [publicity, districts],
      env: { ...env, SUBGRAPH_BATCHING: "0" },
    });
  });
  afterAll(async () => {
    await batched?.stop();
    await plain?.stop();
  });

  /** One request, with what districts was asked for it. */
  async function run(tester: GatewayTester, query: string, variables?: Record<string, unknown>) {
    asked.District = 0;
    asked.Station = 0;
    const before = tester.subgraphs.districts!.calls();
    const answer = await tester.send<{ stories: unknown[] }>({ query, variables });
    return {
      answer,
      calls: tester.subgraphs.districts!.calls() - before,
      District: asked.District,
      Station: asked.Station,
    };
  }

  it("asks districts once, for each district and station once, and answers as the planner's own fetches do", async () => {
    const alone = await run(plain, QUERY);
    const together = await run(batched, QUERY);
    // The planner's fetches: districts for the stories' districts, then for their stations.
    expect(alone.calls).toBe(2);
    expect(alone.District).toBe(6);
    expect(alone.Station).toBe(8);
    // Once: A, B and BAD; stations 1, 2 and 3.
    expect(together.calls).toBe(1);
    expect(together.District).toBe(3);
    expect(together.Station).toBe(3);
    expect(together.answer.data).toEqual(alone.answer.data);
    expect(together.answer.data?.stories[0]).toEqual({
      id: "s1",
      district: { code: "A", name: "区A", motto: "A的口号" },
      stations: [
        { id: "1", name: "工作站1", district: { name: "区A" } },
        { id: "2", name: "工作站2", district: { name: "区B" } },
      ],
    });
    expect(together.answer.data?.stories[6]).toEqual({ id: "s7", district: null, stations: [] });
  });

  it("gives an entity's error to every place that shares it, at its own path", async () => {
    const alone = await run(plain, QUERY);
    const together = await run(batched, QUERY);
    const paths = sorted(together.answer.errors).map((e) => e.path);
    expect(paths).toEqual([
      ["stories", 3, "district", "motto"],
      ["stories", 5, "district", "motto"],
    ]);
    expect(sorted(together.answer.errors)).toEqual(sorted(alone.answer.errors));
  });

  it("keeps each fetch's own fragments apart when it merges them", async () => {
    const alone = await run(plain, WITH_FRAGMENTS);
    const together = await run(batched, WITH_FRAGMENTS);
    expect(together.calls).toBe(1);
    expect(together.answer.data).toEqual(alone.answer.data);
    expect(sorted(together.answer.errors)).toEqual(sorted(alone.answer.errors));
  });

  it("sends a fetch with variables of the client's apart: a value its field refuses fails it alone", async () => {
    const query = `query Stories($from: Day) {
      stories { id district { code tally(from: $from) } stations { id name } }
    }`;
    const alone = await run(plain, query, { from: "2026-02-30" });
    const together = await run(batched, query, { from: "2026-02-30" });
    // The stations' fetch uses no variable: it is answered, whatever the districts' one meets.
    expect(alone.answer.data?.stories[0]).toEqual({
      id: "s1",
      district: { code: "A", tally: null },
      stations: [
        { id: "1", name: "工作站1" },
        { id: "2", name: "工作站2" },
      ],
    });
    expect(together.answer.data).toEqual(alone.answer.data);
    expect(sorted(together.answer.errors)).toEqual(sorted(alone.answer.errors));
    expect(together.calls).toBe(2);
    // A good day: the same two calls, each answered.
    const good = await run(batched, query, { from: "2026-02-28" });
    expect(good.answer.errors).toBeUndefined();
    expect(good.answer.data).toEqual((await run(plain, query, { from: "2026-02-28" })).answer.data);
  });

  it("merges operations whose fragments share names without mixing them up", () => {
    const fetch = (type: string, field: string) => {
      const query = `query Q($representations: [_Any!]!) { _entities(representations: $representations) { ...F } } fragment F on ${type} { ${field} }`;
      return { query, document: parse(query), operationName: "Q", variables: {} };
    };
    const merged = mergedOperation([fetch("District", "name"), fetch("Station", "id")]);
    expect(merged.query.replace(/\s+/g, " ")).toBe(
      "query Q__batch($representations_0: [_Any!]!, $representations_1: [_Any!]!) " +
        "{ _e0: _entities(representations: $representations_0) { ...F_0 } " +
        "_e1: _entities(representations: $representations_1) { ...F_1 } } " +
        "fragment F_0 on District { name } fragment F_1 on Station { id }",
    );
  });
});
