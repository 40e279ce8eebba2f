// The gateway's limits on what one operation may ask (depth, aliases, directives, tokens, cost,
// batches), with the probe's own queries: each is refused with a clear error before any subgraph
// is asked, while every operation the hub's clients send fits.
import fs from "node:fs";
import path from "node:path";
import {
  buildASTSchema,
  getIntrospectionQuery,
  parse,
  type OperationDefinitionNode,
} from "graphql";
import { operationCost } from "../../gateway/plugins/limits";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, send } from "../helpers/graphql";

const ROOT = path.join(__dirname, "..", "..");
const CONTRACT = path.join(ROOT, "contract");

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

/** Sends and expects a refusal with this code and HTTP 400, with nothing asked of a subgraph. */
async function refused(query: string, code: string, message: RegExp, token?: string) {
  const before = fed.sqlCount();
  const response = await send(fed.gatewayUrl, { query, token });
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors?.[0]?.extensions?.code).toBe(code);
  expect(response.errors?.[0]?.message).toMatch(message);
  expect(response.errors?.[0]?.message).not.toMatch(/^Syntax Error: (this|Query)/);
  expect(fed.sqlCount()).toBe(before);
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
    await refused(probe, "GRAPHQL_VALIDATION_FAILED", /deeper than the limit of 10|cost/);
    await refused(probe, "GRAPHQL_VALIDATION_FAILED", /deeper than the limit of 10|cost/, admin);
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
    await execute(fed.gatewayUrl, { query: `{ ${aliases(15)} }` });
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
    await execute(fed.gatewayUrl, { query: deep(2), token: admin });
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
    await execute(fed.gatewayUrl, { query: `{ ${fields(20)} }` });
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
    const response = await fetch(fed.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(response.status).toBe(400);
  });

  it("lets GraphiQL's introspection through", async () => {
    const data = await execute(fed.gatewayUrl, { query: getIntrospectionQuery() });
    expect(data.__schema.queryType.name).toBe("Query");
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
