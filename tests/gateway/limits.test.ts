// The gateway's limits on what one operation may ask (depth, aliases, directives, tokens, cost,
// batches), with the probe's own queries: each is refused with a clear error before any subgraph
// is asked, while every operation the hub's clients send fits. The gateway runs in front of one
// small inline subgraph (gateway-tester.ts) with the shapes the limits weigh (districts, their
// station pages, stories naming capped lists), which counts the calls it answers.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import {
  buildASTSchema,
  getIntrospectionQuery,
  parse,
  type OperationDefinitionNode,
} from "graphql";
import { limitsProtection, operationCost } from "../../gateway/plugins/limits";
import { documentProblem } from "../../runtime/http/document-limits";
import { createLogger } from "../../runtime/log";
import { createGatewayTester, type GatewayTester } from "../helpers/gateway-tester";
import { execute, send, expectRefusal } from "../helpers/graphql";

const ROOT = path.join(__dirname, "..", "..");
const CONTRACT = path.join(ROOT, "contract");

/** The types the limits weigh, named as in the supergraph (LIST_CAPS names CaseStory's lists). */
const HUB = /* GraphQL */ `
  type Query {
    districts: [District!]!
    district(code: ID!): District
    stationsByIds(ids: [ID!]!): [Station!]!
    caseStories(first: Int): CaseStoryConnection!
  }
  enum StationStatus {
    FILED
    PENDING
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type District {
    code: ID!
    name: String!
    kind: String!
    volunteerCount: Int!
    courseCount: Int!
    openDemandCount: Int!
    stationCount(status: StationStatus): Int!
    stations(first: Int): StationConnection!
  }
  type StationConnection {
    nodes: [Station!]!
    pageInfo: PageInfo!
  }
  type Station {
    id: ID!
    name: String!
    address: String!
    district: District!
  }
  type CaseStoryConnection {
    nodes: [CaseStory!]!
    pageInfo: PageInfo!
  }
  type CaseStory {
    id: ID!
    title: String!
    volunteers: [Volunteer!]!
    stations: [Station!]!
    activities: [Activity!]!
  }
  type Volunteer {
    id: ID!
    activities: [Activity!]!
  }
  type Activity {
    id: ID!
    title: String!
  }
`;
const district = (code: string) => ({ code, name: `区${code}` });
const page = (first = 20) => ({
  nodes: Array.from({ length: Math.min(first, 3) }, (_, i) => ({
    id: String(i + 1),
    name: `工作站${i + 1}`,
    address: "深圳市",
  })),
  pageInfo: { hasNextPage: false, endCursor: null },
});
const resolvers = {
  Query: {
    districts: () => ["440303", "440305"].map(district),
    district: (_: unknown, { code }: { code: string }) => district(code),
    stationsByIds: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })),
  },
  District: { stations: (_: unknown, { first }: { first?: number }) => page(first) },
  Station: { district: () => district("440305") },
};

let fed: GatewayTester;
let admin: string;
beforeAll(async () => {
  fed = await createGatewayTester({ subgraphs: [{ name: "districts", typeDefs: HUB, resolvers }] });
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

/** Sends and expects a refusal with this code and HTTP 400, with nothing asked of a subgraph. */
async function refused(query: string, code: string, message: RegExp, token?: string) {
  const before = fed.calls();
  const response = await send(fed.url, { query, token });
  expect(response.data).toBeUndefined();
  const error = expectRefusal(response, code, { status: 400, message, first: true });
  expect(error.message).not.toMatch(/^Syntax Error: (this|Query)/);
  expect(fed.calls()).toBe(before);
  return response;
}

/** stations(first: 100) nested `levels` deep under districts, as the probe sent it. */
const nested = (levels: number): string => {
  let inner = "id name";
  for (let i = 0; i < levels; i++)
    inner = `stations(first: 100) { nodes { ${i ? `district { ${inner} }` : inner} } }`;
  return `{ districts { ${inner} } }`;
};

describe("the probe's queries", () => {
  it("refuses stations(first: 100) nested four levels deep, anonymously and signed in", async () => {
    const probe = nested(4);
    await refused(
      probe,
      "GRAPHQL_VALIDATION_FAILED",
      /deeper than the limit of 10|cost|with arguments more than/,
    );
    await refused(
      probe,
      "GRAPHQL_VALIDATION_FAILED",
      /deeper than the limit of 10|cost|with arguments more than/,
      admin,
    );
  });

  it("refuses two levels by their cost, naming it and what to change", async () => {
    const response = await refused(
      nested(2),
      "GRAPHQL_VALIDATION_FAILED",
      /estimated cost is \d+, over the limit of 100000: ask for fewer items/,
      admin,
    );
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|at \w+ \(/);
  });

  it("refuses a story page asking each story's 50 volunteers for their activities", async () => {
    // The reviewer's query: cheap-looking, 6 MB and 2 s with 100 stories naming 50 of each.
    const query = `{ caseStories(first: 100) { nodes { volunteers { activities { title participants: id } } stations { name } activities { title } } } }`;
    await refused(query, "GRAPHQL_VALIDATION_FAILED", /estimated cost is \d+, over the limit/);
  });

  it("counts __typename aliases too", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(" ");
    await refused(`{ ${aliases} }`, "GRAPHQL_VALIDATION_FAILED", /more aliases than the limit/);
  });

  it("refuses 500 aliases of one field, and 16", async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: district(code: "440305") { name }`).join(" ");
    // 500 aliases are over the token limit before they are counted as aliases.
    await refused(`{ ${aliases(500)} }`, "GRAPHQL_PARSE_FAILED", /3000 tokens/);
    await refused(
      `{ ${aliases(16)} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /more aliases than the limit of 15/,
    );
    await execute(fed.url, { query: `{ ${aliases(15)} }` });
  });
});

describe("the cost limit fails closed", () => {
  // The second probe's query: three levels of stations(first: 100), and a null for @include(if:).
  const probe = (directive: string) =>
    `${directive ? "query($x: Boolean = true)" : ""} { __typename ${directive} districts { stations(first: 100) { nodes { district { stations(first: 100) { nodes { district { stations(first: 100) { nodes { id name address } } } } } } } } } }`;

  it("refuses the probe's query with a null @include(if:) before any subgraph works", async () => {
    for (const token of [undefined, admin]) {
      const before = fed.calls();
      const response = await send(fed.url, {
        query: probe("@include(if: $x)"),
        variables: { x: null },
        token,
      });
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        expect.objectContaining({
          message:
            '@include: Argument "if" of non-null type "Boolean!" must not be null, and $x is null: give a value, or leave the variable out to use its default',
          extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED" }),
        }),
      ]);
      expect(fed.calls()).toBe(before);
    }
  });

  it("refuses the same query without the directive by its cost", async () => {
    await refused(
      probe(""),
      "GRAPHQL_VALIDATION_FAILED",
      /estimated cost is 40303011, over the limit of 100000/,
    );
  });

  it("refuses a null for a field's non-null argument, naming the field and the variable", async () => {
    const response = await send(fed.url, {
      query: `query($code: ID = "440305") { district(code: $code) { name } }`,
      variables: { code: null },
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^field "district": Argument "code" .* \$code is null/),
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("estimates one document again for other variables, and the same each time", async () => {
    // The gateway remembers estimates per document and variables (plugins/limits.ts CostMemo).
    const query = `query($n: Int, $m: Int) { districts { stations(first: $n) { nodes { district { stations(first: $m) { nodes { id } } } } } } }`;
    const costOf = async (n: number, m: number) => {
      const response = await send(fed.url, { query, variables: { n, m } });
      if (!response.errors) return "answered";
      return /estimated cost is (\d+)/.exec(response.errors[0].message)?.[1];
    };
    const rounds = [];
    for (let i = 0; i < 2; i++)
      rounds.push([await costOf(2, 2), await costOf(100, 100), await costOf(100, 99)]);
    expect(rounds[0]).toEqual([
      "answered",
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+$/),
    ]);
    expect(rounds[0][1]).not.toBe(rounds[0][2]);
    expect(rounds[1]).toEqual(rounds[0]);
    // Variables too long to be kept as a key are estimated each time, to the same figure.
    const long = `query($code: ID!, $n: Int) { district(code: $code) { stations(first: $n) { nodes { district { stations(first: $n) { nodes { id } } } } } } }`;
    const refusals = [];
    for (let i = 0; i < 2; i++) {
      const response = await send(fed.url, {
        query: long,
        variables: { code: "4".repeat(3000), n: 1000 },
      });
      refusals.push(response.errors?.[0]?.message);
    }
    expect(refusals[0]).toMatch(/estimated cost is \d+, over the limit/);
    expect(refusals[1]).toBe(refusals[0]);
  });

  it("refuses an operation whose cost cannot be estimated, naming the limit", async () => {
    // Each fragment spreads the next twice: 2^15 spreads of `code`, though written once each.
    const chain = Array.from(
      { length: 15 },
      (_, i) => `fragment F${i} on District { ...F${i + 1} ...F${i + 1} }`,
    ).join(" ");
    const query = `{ districts { ...F0 } } ${chain} fragment F15 on District { code }`;
    await refused(
      query,
      "GRAPHQL_VALIDATION_FAILED",
      /^the cost limit of 100000 could not be checked for this operation, so it is refused: its fragments, counted at every spread, select more than 1200 fields/,
    );
  });

  it("still answers a variable that does not fit its type BAD_USER_INPUT", async () => {
    const response = await send(fed.url, {
      query: `query($x: Boolean = true) { __typename @include(if: $x) }`,
      variables: { x: "yes" },
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/Variable "\$x" got invalid value "yes"/);
  });
});

describe("each limit", () => {
  it("depth: 10 levels pass, 11 do not", async () => {
    // district > stations > nodes > name is 4 levels; each step adds district > stations > nodes.
    const deep = (steps: number) => {
      let q = "name";
      for (let i = 0; i < steps; i++) q = `district { stations(first: 1) { nodes { ${q} } } }`;
      return `{ district(code: "440305") { stations(first: 1) { nodes { ${q} } } } }`;
    };
    await execute(fed.url, { query: deep(2), token: admin });
    await refused(
      `{ district(code: "440305") { stations(first: 1) { nodes { district { stations(first: 1) { nodes { district { stations(first: 1) { nodes { id district { name } } } } } } } } } } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /deeper than the limit of 10/,
      admin,
    );
  });

  it("directives: 20 pass, 21 do not", async () => {
    const fields = (n: number) =>
      Array.from({ length: n }, () => "__typename @include(if: true)").join(" ");
    await execute(fed.url, { query: `{ ${fields(20)} }` });
    await refused(
      `{ ${fields(21)} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /more directives than the limit of 20/,
    );
  });

  it("tokens: a document over 3000 tokens is not parsed", async () => {
    const padding = Array.from({ length: 1600 }, () => "__typename").join(" ");
    await refused(`{ ${padding} ${padding} }`, "GRAPHQL_PARSE_FAILED", /more th.t 3000 tokens/);
  });

  it("batches: a JSON array of operations is refused", async () => {
    const response = await fetch(fed.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(response.status).toBe(400);
  });

  it("lets GraphiQL's introspection through", async () => {
    const data = await fed.execute<{ __schema: { queryType: { name: string } } }>({
      query: getIntrospectionQuery(),
    });
    expect(data.__schema.queryType.name).toBe("Query");
  });
});

describe("the fields of a document, counted before it is validated", () => {
  const repeat = (n: number, text: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => text(i)).join(" ");
  const plain = ["code", "name", "kind", "volunteerCount", "courseCount", "openDemandCount"];
  /** The second probe's document: `code` 2,990 times, a fresh comment each (no cache helps). */
  const probe = () => `{ districts { ${repeat(2990, (i) => `code # ${i} ${Date.now()}\n`)} } }`;

  it("refuses the probe's 2,990 repeats of one field, naming the limit", async () => {
    await refused(
      probe(),
      "GRAPHQL_VALIDATION_FAILED",
      /^this document selects "code" more than 25 times .*over the limit of 25/,
    );
  });

  it("refuses a selection set wider than LIMIT_SELECTION_FIELDS", async () => {
    const wide = repeat(31, (i) => `... on District { ${plain[i % plain.length]} }`);
    await refused(
      `{ districts { ${wide} } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /^the selection set of "districts" asks for more than 30 fields, over the limit of 30/,
    );
  });

  it("judges a document the same each time it is sent, and each text on its own", async () => {
    // The route keeps each text's verdict: the refusal must come again, word for word, and a
    // text with fewer fields must be judged anew (and answered).
    const wide = (n: number) =>
      `{ districts { ${repeat(n, (i) => `... on District { ${i % 2 ? "name" : "code"} }`)} } }`;
    const first = await refused(wide(31), "GRAPHQL_VALIDATION_FAILED", /over the limit of/);
    const again = await refused(wide(31), "GRAPHQL_VALIDATION_FAILED", /over the limit of/);
    expect(again.errors![0].message).toBe(first.errors![0].message);
    const fits = await send(fed.url, { query: wide(10) });
    expect(fits.errors).toBeUndefined();
    expect(fits.data).toBeDefined();
    await refused(wide(31), "GRAPHQL_VALIDATION_FAILED", /over the limit of/);
  });

  it("refuses a document with more than LIMIT_FIELDS fields", async () => {
    const wide = repeat(29, (i) => `... on District { ${plain[i % plain.length]} }`);
    await refused(
      `{ ${repeat(4, (i) => `d${i}: districts { ${wide} }`)} }`,
      "GRAPHQL_VALIDATION_FAILED",
      /^this document asks for more than 120 fields .* over the limit of 120/,
    );
  });

  it("refuses a field given arguments more than LIMIT_ARGUMENT_REPEATS times", async () => {
    await refused(
      `{ districts { ${repeat(4, () => "stationCount(status: FILED)")} } }`,
      "GRAPHQL_VALIDATION_FAILED",
      /^this document selects "stationCount" with arguments more than 3 times .*over the limit of 3/,
    );
  });

  /**
   * The costliest document under the limits that we found: validation compares every two fields
   * that share a response name and prints both their arguments, so one name given the longest
   * lists the token limit leaves, as often as LIMIT_ARGUMENT_REPEATS lets it. `@include(if:
   * false)` keeps execution out of it; a fresh comment keeps Apollo's document cache out.
   */
  const underTokenLimit = (times: number) => {
    // Each occurrence spends 17 tokens besides its list.
    const length = Math.floor((fed.config.limits.maxTokens - 20) / times) - 17;
    const ids = repeat(length, (i) => String(i + 1));
    const field = `stationsByIds(ids: [${ids}]) @include(if: false) { id }`;
    return () => `# ${Math.random()}\n{ __typename ${repeat(times, () => field)} }`;
  };

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const timed = async (query: string) => {
    const started = performance.now();
    await send(fed.url, { query });
    return performance.now() - started;
  };

  /** Sends a document; resolves `written` once its body has left, `answered` on the answer. */
  function heavy(query: string) {
    let written!: () => void;
    const sent = new Promise<void>((resolve) => (written = resolve));
    const answered = new Promise<void>((resolve, reject) => {
      const request = http.request(
        fed.url,
        // Anonymous: checking a token is asynchronous work the bystander could slip past.
        { method: "POST", headers: { "content-type": "application/json" } },
        (response) => response.resume().on("end", resolve),
      );
      request.on("error", reject).end(JSON.stringify({ query }), written);
    });
    return { sent, answered };
  }

  /** A bystander's { __typename }, sent once the heavy document has been sent, timed. */
  async function beside(document: () => string, rounds: number) {
    const waits: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const { sent, answered } = heavy(document());
      await sent;
      waits.push(await timed("{ __typename }"));
      await answered;
    }
    return median(waits);
  }

  it("keeps a bystander's wait within a few times its baseline beside the probe", async () => {
    for (let i = 0; i < 5; i++) await timed("{ __typename }");
    const alone: number[] = [];
    for (let i = 0; i < 9; i++) alone.push(await timed("{ __typename }"));
    const baseline = median(alone);
    const waited = await beside(probe, 3);
    // Generous: the machine running the tests is shared. Validating it took 2 s and more. The
    // median of three, and 100 ms at least: one wait of 28 ms against a 1.5 ms baseline failed
    // this on a loaded machine (load 8), where a scheduler's hiccup is ten baselines.
    const within = waited <= Math.max(10 * baseline, 100);
    expect({ baseline, waited, within }).toEqual({
      baseline,
      waited,
      within: true,
    });
  });

  it("keeps the worst document under the limits about as cheap as any of its size", async () => {
    const worst = underTokenLimit(fed.config.limits.maxArgumentRepeats);
    const plain = underTokenLimit(1);
    expect(await execute(fed.url, { query: worst() })).toEqual({
      __typename: "Query",
    });
    for (let i = 0; i < 2; i++) {
      await beside(worst, 1);
      await beside(plain, 1);
    }
    // A document at the token limit costs the gateway its parse, validation and plan, in
    // proportion to its tokens; repeats under the limits add no more than a few times that.
    const ordinary = await beside(plain, 5);
    const waited = await beside(worst, 5);
    expect({ ordinary, waited, within: waited <= 3 * ordinary }).toEqual({
      ordinary,
      waited,
      within: true,
    });
  });
});

describe("what the hub's clients send", () => {
  const schema = buildASTSchema(
    parse(fs.readFileSync(path.join(ROOT, "schema", "supergraph.graphql"), "utf8")),
    { assumeValid: true },
  );
  // The largest pages the contract's clients ask for (the benchmark's scenarios).
  const variables: Record<string, Record<string, unknown>> = {
    CaseStories: { first: 50 },
    DistrictStations: { districtCode: "440305", first: 100 },
    Platforms: { first: 40 },
  };
  const documents = [
    ...fs
      .readdirSync(CONTRACT)
      .filter((f) => f.endsWith(".graphql"))
      .map((f) => path.join(CONTRACT, f)),
    path.join(ROOT, "dashboard", "operations", "dashboard-page.graphql"),
  ];

  it.each(
    [
      ...documents,
      ...fs
        .readdirSync(path.join(ROOT, "gateway", "operations"))
        .map((f) => path.join(ROOT, "gateway", "operations", f)),
      ...["corps", "districts", "platforms", "publicity"].flatMap((name) => {
        const dir = path.join(ROOT, "subgraphs", name, "operations");
        return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
      }),
    ].map((d) => [path.relative(ROOT, d), d]),
  )("%s fits the document limits", (_name, file) => {
    const limits = limitsProtection(
      fed.config.limits,
      false,
      createLogger("test", { level: "silent" }),
    );
    expect(documentProblem(fs.readFileSync(file, "utf8"), limits.document)).toBeNull();
  });

  it("GraphiQL's introspection fits the document limits, with room to spare", () => {
    const { document } = limitsProtection(
      fed.config.limits,
      false,
      createLogger("test", { level: "silent" }),
    );
    const introspection = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(documentProblem(introspection, document)).toBeNull();
  });

  it.each(documents.map((d) => [path.basename(d), d]))("%s fits the cost limit", (_name, file) => {
    const document = parse(fs.readFileSync(file, "utf8"));
    for (const op of document.definitions as OperationDefinitionNode[]) {
      const name = op.name!.value;
      let cost: number;
      try {
        cost = operationCost(schema, document, {
          operationName: name,
          variables: variables[name] ?? {},
          listWeight: fed.config.limits.listWeight,
        });
      } catch {
        continue; // not in the supergraph yet: the contract check reports it
      }
      expect({ name, cost, fits: cost <= fed.config.limits.maxCost }).toEqual({
        name,
        cost,
        fits: true,
      });
    }
  });
});
