// The gateway's calls to a subgraph that hangs or is down (districts behind a TCP proxy): a time
// limit per call, one more try for a query but never for a mutation (whose answer then says
// whether it can have been written), and a circuit breaker that answers at once while the
// subgraph keeps failing and closes again once it is back. The other subgraphs' fields still come
// back, with an error on the failed paths only. Two small inline subgraphs (gateway-tester.ts):
// publicity's stories name a district that districts resolves.
import type { GraphQLResponse } from "../helpers/graphql";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";
import { tcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

const BREAKER_RESET_MS = 5000;
let tester: GatewayTester;
let proxy: TcpProxy;

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;
const publicity = {
  name: "publicity" as const,
  typeDefs: /* GraphQL */ `
    ${FEDERATION}
    type Query {
      caseStories(first: Int!): StoryConnection!
    }
    type StoryConnection {
      nodes: [Story!]!
    }
    type Story {
      id: ID!
      title: String!
      district: District
    }
    type District @key(fields: "code", resolvable: false) {
      code: ID!
    }
  `,
  resolvers: {
    Query: {
      caseStories: (_: unknown, { first }: { first: number }) => ({
        nodes: Array.from({ length: first }, (_, i) => ({
          id: String(i),
          title: `案例${i}`,
          district: { code: "440305" },
        })),
      }),
    },
  },
};
const districts = {
  name: "districts" as const,
  typeDefs: /* GraphQL */ `
    ${FEDERATION}
    type Query {
      district(code: ID!): District
    }
    type District @key(fields: "code") {
      code: ID!
      name: String!
    }
    enum Decision {
      ACCEPT
      REJECT
    }
    type Station {
      id: ID!
    }
    type Mutation {
      reviewStation(id: ID!, decision: Decision!): Station
    }
  `,
  resolvers: {
    Query: { district: (_: unknown, { code }: { code: string }) => ({ code, name: "南山区" }) },
    District: { __resolveReference: ({ code }: { code: string }) => ({ code, name: "南山区" }) },
    Mutation: { reviewStation: (_: unknown, { id }: { id: string }) => ({ id }) },
  },
};

beforeAll(async () => {
  tester = await createGatewayTester({
    subgraphs: [publicity, districts],
    env: {
      RESPONSE_CACHE_TTL_SECONDS: "0",
      RATE_LIMIT_PER_MINUTE: "0",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "0",
      REDIS_URL: "",
      METRICS_TOKEN: "",
      LOG_LEVEL: "silent",
      DISTRICTS_TIMEOUT_MS: "1500",
      SUBGRAPH_RETRIES: "1",
      BREAKER_MINIMUM_CALLS: "4",
      BREAKER_ERROR_PERCENT: "50",
      // Long enough that the checks while it is open finish before it lets a trial call through,
      // even on a loaded machine; the test waits out the rest.
      BREAKER_RESET_MS: String(BREAKER_RESET_MS),
    },
    route: async (name, url) => {
      if (name !== "districts") return url;
      proxy = await tcpProxy(new URL(url));
      return proxy.url;
    },
  });
});
afterAll(async () => {
  await tester?.stop();
  await proxy?.close();
});

const STORIES =
  "query Stories($first: Int!) { caseStories(first: $first) { nodes { title district { code name } } } }";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stories {
  caseStories: { nodes: Array<{ title: string; district: unknown }> };
}

function expectOnlyDistrictsMissing(response: GraphQLResponse<Stories>) {
  expect(response.status).toBe(200);
  expect(response.data!.caseStories.nodes.length).toBeGreaterThan(0);
  for (const node of response.data!.caseStories.nodes) {
    expect(node.title).toBeTruthy();
    expect(node.district).toBeNull();
  }
  for (const error of response.errors!) {
    expect(error.extensions!.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toBe("the districts service is unavailable; try again later");
  }
}

it("answers in full while districts answers", async () => {
  proxy.setMode("pass");
  const response = await tester.send<Stories>({ query: STORIES, variables: { first: 5 } });
  expect(response.errors).toBeUndefined();
});

it("gives up on a hung subgraph after its time limit and tries a query once more", async () => {
  proxy.setMode("hang");
  const before = proxy.connections;
  const started = Date.now();
  const response = await tester.send<Stories>({ query: STORIES, variables: { first: 5 } });
  const elapsed = Date.now() - started;
  expectOnlyDistrictsMissing(response);
  // Two tries of 1.5 s each (and a short pause), not the 10 s default, nor forever.
  expect(elapsed).toBeGreaterThanOrEqual(3000);
  expect(proxy.connections - before).toBeGreaterThanOrEqual(2);
});

it("never sends a mutation twice, and says its outcome is unknown when no answer came", async () => {
  proxy.setMode("hang");
  // Let the breaker forget the hung calls first.
  await sleep(1600);
  await tester.send({ query: "{ __typename }" });
  const before = proxy.connections;
  const operator = await tester.token("DISTRICT_OPERATOR", { district: "440305" });
  const response = await tester.send({
    query: `mutation { reviewStation(id: "1", decision: ACCEPT) { id } }`,
    token: operator,
  });
  // Sent, and no answer within the time limit: districts may have written it, or may still.
  expect(response.status).toBe(504);
  expect(response.errors![0].extensions).toMatchObject({
    code: "OUTCOME_UNKNOWN",
    serviceName: "districts",
  });
  expect(response.errors![0].message).toBe(
    "the districts service did not answer: the change may or may not have been written; read the current state before sending it again",
  );
  expect(proxy.connections - before).toBe(1);
});

it("opens the breaker while districts keeps failing, then closes it once it is back", async () => {
  proxy.setMode("reset");
  for (let i = 0; i < 4; i++)
    expectOnlyDistrictsMissing(
      await tester.send<Stories>({ query: STORIES, variables: { first: 5 } }),
    );
  const opened = Date.now();
  const before = proxy.connections;
  // Open: answered at once, districts not even asked.
  const fast = await tester.send<Stories>({ query: STORIES, variables: { first: 5 } });
  expectOnlyDistrictsMissing(fast);
  expect(proxy.connections).toBe(before);
  const metrics = await (await fetch(`${tester.origin}/metrics`)).text();
  expect(metrics).toMatch(/hub_subgraph_breaker_open\{[^}]*subgraph="districts"[^}]*\} 1/);
  expect(metrics).toMatch(/hub_subgraph_errors_total\{[^}]*kind="open"[^}]*\} [1-9]/);
  // A mutation is not even sent while it is open: nothing was written, for certain.
  const operator = await tester.token("DISTRICT_OPERATOR", { district: "440305" });
  const refused = await tester.send({
    query: `mutation { reviewStation(id: "1", decision: ACCEPT) { id } }`,
    token: operator,
  });
  expect(refused.status).toBe(503);
  expect(refused.errors![0].extensions!.code).toBe("SERVICE_UNAVAILABLE");
  expect(refused.errors![0].message).toBe(
    "the districts service is unavailable; nothing was written, try again later",
  );
  expect(proxy.connections).toBe(before);
  // Back: after the pause one trial call goes through and closes the breaker.
  proxy.setMode("pass");
  await sleep(Math.max(0, BREAKER_RESET_MS + 100 - (Date.now() - opened)));
  let full = await tester.send({ query: STORIES, variables: { first: 5 } });
  for (let i = 0; i < 10 && full.errors; i++) {
    await sleep(200);
    full = await tester.send<Stories>({ query: STORIES, variables: { first: 5 } });
  }
  expect(full.errors).toBeUndefined();
  const after = await (await fetch(`${tester.origin}/metrics`)).text();
  expect(after).toMatch(/hub_subgraph_breaker_open\{[^}]*subgraph="districts"[^}]*\} 0/);
});
