// The gateway's own executor of query plans (gateway/plan-executor.ts, result-shape.ts) answers
// byte for byte what @apollo/gateway's executeQueryPlan answers: two gateways on the same
// subgraphs, one with each (GATEWAY_EXECUTOR), every request sent to both and the two bodies
// compared whole (data, errors, extensions; only the request id differs). Inline subgraphs with a
// proxy that spoils the districts' answers give the error cases: errors inside entity fetches,
// entities missing, null where the schema says non-null, a subgraph down, an answer that is not
// GraphQL; the queries put aliases, fragments on abstract types, @skip/@include and __typename in
// odd places.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as apolloExecution from "@apollo/gateway/dist/executeQueryPlan";
import { OperationTypeNode, print } from "graphql";
import { exampleGroups } from "../../ide/src/examples";
import { startGateway } from "../../gateway";
import type { Role } from "../../runtime/auth";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { contractOperations } from "../helpers/contract";
import { bootFederation, type Federation } from "../helpers/federation";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;

const STORIES = [
  { id: "s1", title: "一", district: "A", districts: ["A", "B"] },
  { id: "s2", title: "二", district: "BAD", districts: ["BAD"] },
  { id: "s3", title: "三", district: "NULL", districts: ["A", "NULL"] },
  { id: "s4", title: "四", district: null, districts: [] },
];

const publicity = {
  name: "publicity" as const,
  typeDefs: `${FEDERATION}
    type Query {
      stories: [Story!]!
      story(id: ID!): Story
      things: [Thing!]!
      items: [Item]
      broken: Story!
    }
    interface Thing { id: ID! }
    union Item = Story | Note
    type Story implements Thing @key(fields: "id") {
      id: ID!
      title: String!
      district: District
      districts: [District!]!
      firstDistrict: District!
    }
    type Note implements Thing { id: ID! text: String }
    type District @key(fields: "code", resolvable: false) { code: ID! }`,
  resolvers: {
    Query: {
      stories: () => STORIES,
      story: (_: unknown, { id }: { id: string }) => STORIES.find((s) => s.id === id) ?? null,
      things: () => [STORIES[0], { id: "n1", text: "注" }, STORIES[1]],
      items: () => [{ id: "n2", text: null }, STORIES[2], null],
      broken: () => null,
    },
    Thing: { __resolveType: (t: { title?: string }) => (t.title ? "Story" : "Note") },
    Item: { __resolveType: (t: { title?: string }) => (t.title ? "Story" : "Note") },
    Story: {
      district: (s: (typeof STORIES)[number]) => (s.district ? { code: s.district } : null),
      districts: (s: (typeof STORIES)[number]) => s.districts.map((code) => ({ code })),
      firstDistrict: (s: (typeof STORIES)[number]) => ({ code: s.districts[0] ?? "NONE" }),
    },
  },
};

const districts = {
  name: "districts" as const,
  typeDefs: `${FEDERATION}
    type District @key(fields: "code") {
      code: ID!
      name: String!
      motto: String
      head: Person!
      rank: Int
    }
    type Person { name: String! aliases: [String!] }`,
  resolvers: {
    District: {
      __resolveReference: ({ code }: { code: string }) => ({ code }),
      name: ({ code }: { code: string }) => (code === "NULL" ? null : `区${code}`),
      motto: ({ code }: { code: string }) => {
        if (code === "BAD") throw new Error(`no motto for ${code}`);
        return `${code}的口号`;
      },
      head: ({ code }: { code: string }) => ({ name: `主任${code}`, aliases: [code] }),
      rank: ({ code }: { code: string }) => code.length,
    },
  },
};

/** What the proxy in front of districts does to its answers. */
type Spoil =
  | "none"
  | "drop-entity"
  | "null-entities"
  | "entity-errors"
  | "no-entities"
  | "not-json"
  | "http-500"
  | "down"
  | "bad-typename"
  | "bad-leaf";
let spoil: Spoil = "none";

function spoiled(body: string): string {
  const answer = JSON.parse(body) as {
    data?: { _entities?: Array<Record<string, unknown> | null> } | null;
    errors?: unknown[];
  };
  const entities = answer.data?._entities;
  if (!entities) return body;
  switch (spoil) {
    case "drop-entity":
      entities.pop();
      break;
    case "null-entities":
      entities.forEach((_, i) => (entities[i] = i % 2 ? null : entities[i]));
      break;
    case "entity-errors":
      answer.errors = [
        ...(answer.errors ?? []),
        { message: "kaputt", path: ["_entities", 0, "name"], extensions: { code: "BOOM" } },
        { message: "", path: ["_entities", entities.length - 1] },
        { message: "no path" },
      ];
      if (entities[0]) entities[0] = null;
      break;
    case "no-entities":
      answer.data = { _entities: undefined };
      break;
    case "bad-typename":
      entities.forEach((e) => e && (e.__typename = "Nowhere"));
      break;
    case "bad-leaf":
      entities.forEach((e) => e && "rank" in e && (e.rank = "high"));
      break;
    default:
  }
  return JSON.stringify(answer);
}

/** A proxy in front of a subgraph that spoils its answers as `spoil` says. */
async function spoilingProxy(target: string) {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      if (spoil === "down") return request.socket.destroy();
      if (spoil === "http-500") {
        response.writeHead(500, { "content-type": "text/plain" });
        return response.end("kaputt");
      }
      const headers = { ...request.headers };
      delete headers["content-length"];
      fetch(target, {
        method: "POST",
        headers: headers as Record<string, string>,
        body: Buffer.concat(chunks),
      })
        .then(async (answer) => {
          const text = await answer.text();
          response.writeHead(answer.status, { "content-type": "application/json" });
          response.end(spoil === "not-json" ? text.slice(0, 10) : spoiled(text));
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxies.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
const proxies: http.Server[] = [];

const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  plain: { query: `{ stories { id title district { code name motto } districts { name rank } } }` },
  nonNullEntity: { query: `{ stories { id firstDistrict { name head { name aliases } } } }` },
  aliasesAndFragments: {
    query: `query Q($skip: Boolean!, $inc: Boolean = true) {
      a: stories {
        ... on Story { i: id __typename t: __typename }
        d: district @include(if: $inc) { ...F n2: name @skip(if: $skip) }
        district { code }
        ...S @skip(if: $skip)
      }
      things { __typename ... on Story { title district { name } } ... on Note { text } id }
      items { ... on Note { id text } ... on Story { id x: district { name n: name } } ... on Thing { id } }
    }
    fragment F on District { name motto __typename r: rank }
    fragment S on Story { title districts { h: head { name } } }`,
    variables: { skip: false },
  },
  skipped: {
    query: `query Q($skip: Boolean!, $inc: Boolean = true) {
      stories { id district @include(if: $inc) { name } title @skip(if: $skip) }
      s: story(id: "s3") @include(if: true) { id districts @skip(if: $skip) { name } }
    }`,
    variables: { skip: true, inc: false },
  },
  typenames: { query: `{ __typename stories { __typename district { __typename name } } }` },
  missing: { query: `{ story(id: "zz") { id district { name } } s2: story(id: "s2") { title } }` },
  brokenRoot: { query: `{ broken { id } stories { id } }` },
  introspection: { query: `{ __schema { queryType { name } } stories { id } }` },
  typeIntrospection: { query: `{ __type(name: "Story") { name } s: stories { id } }` },
};

const SPOILS: Spoil[] = [
  "none",
  "drop-entity",
  "null-entities",
  "entity-errors",
  "no-entities",
  "not-json",
  "http-500",
  "down",
  "bad-typename",
  "bad-leaf",
];

/** The body a gateway answers, without the request id (each request has its own). */
async function body(
  url: string,
  request: { query: string; variables?: object; operationName?: string },
  token?: string,
) {
  const answer = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(request),
  });
  const text = await answer.text();
  return `${answer.status} ${text.replace(/"requestId":"[^"]*"/g, '"requestId":"-"')}`;
}

describe("the gateway's own executor answers as @apollo/gateway's", () => {
  let own: GatewayTester;
  let apollo: RunningServer;
  beforeAll(async () => {
    own = await createGatewayTester({
      subgraphs: [publicity, districts],
      // Every request executed by both (no cache, no dedup), the breaker never in the way.
      env: {
        RESPONSE_CACHE_TTL_SECONDS: "0",
        GATEWAY_DEDUP: "0",
        METRICS_TOKEN: "",
        SUBGRAPH_RETRIES: "0",
        BREAKER_MINIMUM_CALLS: "100000",
        GATEWAY_EXECUTOR: "own",
      },
      route: (name, url) => (name === "districts" ? spoilingProxy(url) : url),
    });
    apollo = await own.startReplica({
      ...own.config,
      subgraphCalls: { ...own.config.subgraphCalls, executor: "apollo" },
    });
  });
  afterAll(async () => {
    await own?.stop();
    for (const server of proxies) {
      server.closeAllConnections();
      server.close();
    }
  });

  for (const mode of SPOILS)
    for (const [name, request] of Object.entries(QUERIES))
      it(`${name}, districts ${mode}`, async () => {
        spoil = mode;
        const executions = jest.spyOn(apolloExecution, "executeQueryPlan");
        try {
          const ours = await body(own.url, request);
          const fellBack = executions.mock.calls.length;
          const theirs = await body(apollo.url, request);
          expect(ours).toBe(theirs);
          if (process.env.SHOW) console.log(name, mode, ours.slice(0, 1500));
          // Apollo's executor ran for the second gateway; for ours only where it falls back.
          expect(executions.mock.calls.length).toBe(fellBack + 1);
          expect(fellBack).toBe(name.includes("ntrospection") ? 1 : 0);
        } finally {
          executions.mockRestore();
          spoil = "none";
        }
      });
});

describe("the contract's operations through both executors", () => {
  let fed: Federation;
  let apollo: RunningServer;
  const tokens: Array<[string, string | undefined]> = [];
  const env = { RESPONSE_CACHE_TTL_SECONDS: "0", GATEWAY_DEDUP: "0", GATEWAY_EXECUTOR: "own" };
  beforeAll(async () => {
    fed = await bootFederation({ env });
    apollo = await startGateway(
      {
        ...fed.config,
        subgraphCalls: { ...fed.config.subgraphCalls, executor: "apollo" },
      },
      {
        port: 0,
        subgraphUrls: Object.fromEntries(
          Object.entries(fed.subgraphs).map(([name, subgraph]) => [name, subgraph.url]),
        ),
        log: createLogger("gateway", { ...fed.config.log, level: "silent" }),
      },
    );
    const { demo } = fed;
    const volunteer = demo.volunteers.find((v) => v.status === "APPOINTED")!;
    const roles: Array<[Role, object]> = [
      ["CITY_ADMIN", {}],
      ["DISTRICT_OPERATOR", { district: "440305" }],
      ["PLATFORM_OPERATOR", { platform: String(demo.platforms[0].id) }],
      ["PUBLICITY_EDITOR", {}],
      ["DASHBOARD_VIEWER", {}],
      ["ENTERPRISE", { creditCode: demo.demands[0].creditCode }],
      ["VOLUNTEER", { volunteerId: String(volunteer.id) }],
      ["APPLICANT", { sub: "provider|executor-applicant" }],
    ];
    for (const [role, extra] of roles) tokens.push([role, await fed.token(role, extra)]);
    tokens.push(["anonymous", undefined]);
  }, 120_000);
  afterAll(async () => {
    await apollo?.stop();
    await fed?.stop();
  });

  const samples = Object.fromEntries(
    exampleGroups()
      .flatMap((g) => g.examples)
      .map((e) => [e.name, e.variables]),
  );
  const operations = contractOperations();

  for (const operation of operations.filter(
    (o) => o.definition.operation === OperationTypeNode.QUERY,
  ))
    it(`${operation.name}, every role`, async () => {
      const query = print(operation.definition);
      const variables = samples[operation.name] ?? {};
      const variants = [variables];
      if (operation.definition.variableDefinitions?.some((v) => v.variable.name.value === "first"))
        variants.push({ ...variables, first: 100 });
      const executions = jest.spyOn(apolloExecution, "executeQueryPlan");
      try {
        for (const vars of variants)
          for (const [role, token] of tokens) {
            const request = { query, variables: vars, operationName: operation.name };
            const before = executions.mock.calls.length;
            const ours = await body(fed.gatewayUrl, request, token);
            // Ours never fell back to Apollo's executor.
            expect(`${role} ${executions.mock.calls.length - before}`).toBe(`${role} 0`);
            const theirs = await body(apollo.url, request, token);
            expect(`${role} ${ours}`).toBe(`${role} ${theirs}`);
          }
        expect(executions).toHaveBeenCalled();
      } finally {
        executions.mockRestore();
      }
    });

  // Mutations refused to callers who may not make them (nothing is written): the same refusal.
  for (const operation of operations.filter(
    (o) => o.definition.operation === OperationTypeNode.MUTATION,
  ))
    it(`${operation.name}, refused`, async () => {
      const request = {
        query: print(operation.definition),
        variables: samples[operation.name] ?? {},
        operationName: operation.name,
      };
      for (const [role, token] of tokens.filter(
        ([r]) => r === "anonymous" || r === "DASHBOARD_VIEWER",
      )) {
        const ours = await body(fed.gatewayUrl, request, token);
        const theirs = await body(apollo.url, request, token);
        expect(`${role} ${ours}`).toBe(`${role} ${theirs}`);
        expect(ours).toContain('"errors"');
      }
    });
});
