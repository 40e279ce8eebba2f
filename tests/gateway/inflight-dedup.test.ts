// In-flight deduplication at the gateway: identical queries running at once are executed once and
// all answered with the same result; callers who see different data never share, mutations never
// do, and GATEWAY_DEDUP=0 runs each query on its own. The gateway runs in front of a small inline
// subgraph (gateway-tester.ts) that counts the calls it answers.
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A subgraph whose reads take a moment (so that identical ones overlap) and count its writes. */
const districts = () => {
  let written = 0;
  return {
    name: "districts" as const,
    typeDefs: /* GraphQL */ `
      type Query {
        stories(first: Int!): [Story!]!
        districts: [District!]!
      }
      type Story {
        id: ID!
        title: String!
      }
      type District {
        code: ID!
      }
      type Mutation {
        publishStation(name: String!): Int!
      }
    `,
    resolvers: {
      Query: {
        stories: async (_: unknown, { first }: { first: number }) => {
          await sleep(100);
          return Array.from({ length: first }, (_, i) => ({ id: String(i), title: `故事${i}` }));
        },
        districts: async (
          _: unknown,
          _args: unknown,
          { caller }: { caller: { district?: string } | null },
        ) => {
          await sleep(20);
          return caller?.district ? [{ code: caller.district }] : [];
        },
      },
      Mutation: { publishStation: () => (written += 1) },
    },
  };
};

const STORIES = "query Stories($first: Int!) { stories(first: $first) { id title } }";

async function sharedCount(tester: GatewayTester) {
  const text = await (await fetch(`${tester.origin}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("hub_inflight_shared_total"));
  return Number(line?.split(" ").pop() ?? 0);
}

describe("in-flight deduplication (on by default)", () => {
  let tester: GatewayTester;
  beforeAll(async () => {
    tester = await createGatewayTester({
      subgraphs: [districts()],
      env: { RESPONSE_CACHE_TTL_SECONDS: "0", METRICS_TOKEN: "" },
    });
  });
  afterAll(() => tester?.stop());

  it("runs 20 identical anonymous reads sent at once as far fewer executions, with one answer", async () => {
    const request = { query: STORIES, variables: { first: 50 } };
    const single = await tester.send(request);
    expect(single.errors).toBeUndefined();
    const sharedBefore = await sharedCount(tester);
    const before = tester.calls();
    const answers = await Promise.all(Array.from({ length: 20 }, () => tester.send(request)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(single.data);
    }
    expect((await sharedCount(tester)) - sharedBefore).toBeGreaterThan(0);
    // Twenty executions would be twenty calls.
    expect(tester.calls() - before).toBeLessThan(20);
  });

  it("never shares between callers who see different data", async () => {
    const codes = ["440303", "440304", "440305"];
    const operators = await Promise.all(
      codes.map((district) =>
        tester.token("DISTRICT_OPERATOR", { district, sub: `op-${district}` }),
      ),
    );
    const sent = Array.from({ length: 30 }, (_, i) => i % 3);
    const answers = await Promise.all(
      sent.map((i) =>
        tester.send<{ districts: unknown }>({
          query: "query Mine { districts { code } }",
          token: operators[i],
        }),
      ),
    );
    answers.forEach((answer, n) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.districts).toEqual([{ code: codes[sent[n]] }]);
    });
  });

  it("never shares a mutation's answer", async () => {
    const token = await tester.token("DISTRICT_OPERATOR", { district: "440303", sub: "op-dedup" });
    const request = {
      query: "mutation Publish($name: String!) { publishStation(name: $name) }",
      variables: { name: "去重测试工作站" },
      token,
    };
    const before = tester.calls();
    const answers = await Promise.all([1, 2].map(() => tester.send(request)));
    // Both ran: a shared answer would say the same count twice.
    expect(answers[0].data).not.toEqual(answers[1].data);
    expect(tester.calls() - before).toBe(2);
  });
});

describe("GATEWAY_DEDUP=0", () => {
  let tester: GatewayTester;
  beforeAll(async () => {
    tester = await createGatewayTester({
      subgraphs: [districts()],
      env: { RESPONSE_CACHE_TTL_SECONDS: "0", GATEWAY_DEDUP: "0", METRICS_TOKEN: "" },
    });
  });
  afterAll(() => tester?.stop());

  it("executes every query, identical or not", async () => {
    const request = { query: STORIES, variables: { first: 5 } };
    await tester.send(request);
    const start = tester.calls();
    await Promise.all(Array.from({ length: 10 }, () => tester.send(request)));
    expect(tester.calls() - start).toBe(10);
    expect(await sharedCount(tester)).toBe(0);
  });
});
