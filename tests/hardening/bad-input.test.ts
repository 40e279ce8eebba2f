// Generated bad input for every mutation of the supergraph (fast-check, from each argument's
// type), sent through the gateway by every kind of caller: never a 5xx, never
// INTERNAL_SERVER_ERROR, never an internal detail in a message, every error with a code of the
// one table, and nothing written by a refused request (row counts of the owning subgraph's tables
// before and after).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  buildASTSchema,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
} from "graphql";
import { isErrorCode } from "../../runtime/errors";
import { SUBGRAPHS, type SubgraphName } from "../../runtime/config";
import { bootFederation, type Federation } from "../helpers/federation";
import { send } from "../helpers/graphql";
import { valueFor } from "./generated-input";

const SUPERGRAPH = fs.readFileSync(
  path.join(__dirname, "..", "..", "schema", "supergraph.graphql"),
  "utf8",
);
const RUNS = 15;
const LEAKS =
  /\bat [\w.<>]+ \(|\.ts:\d|node_modules|QueryFailedError|\bER_[A-Z_]{3,}|SQLITE_|TypeError|ReferenceError|Cannot read propert|is not a function|\b(SELECT .* FROM|INSERT INTO|DELETE FROM)\b/;

let fed: Federation;
let schema: GraphQLSchema;
const owners = new Map<string, SubgraphName>();
const tally = { requests: 0, refused: 0, accepted: 0, byCode: {} as Record<string, number> };

beforeAll(async () => {
  // Budgets off: this sends hundreds of requests a minute on purpose.
  fed = await bootFederation({
    env: {
      RATE_LIMIT_PER_MINUTE: "0",
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "0",
      RATE_LIMIT_ANONYMOUS_WRITES_PER_HOUR: "0",
    },
  });
  const document = parse(SUPERGRAPH);
  schema = buildASTSchema(document, { assumeValid: true });
  const mutation = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Mutation",
  )!;
  for (const field of mutation.fields ?? []) {
    const join = field.directives?.find((d) => d.name.value === "join__field");
    const graph = join?.arguments?.find((a) => a.name.value === "graph")?.value as
      | StringValueNode
      | undefined;
    owners.set(field.name.value, graph!.value.toLowerCase() as SubgraphName);
  }
});
afterAll(async () => {
  console.log(`generated bad input: ${JSON.stringify(tally)}`);
  await fed?.stop();
});

/** Rows in every table of one subgraph's database. */
async function rowCounts(name: SubgraphName): Promise<Record<string, number>> {
  const db = fed.subgraphs[name].db;
  const counts: Record<string, number> = {};
  for (const table of db.entityMetadatas.map((m) => m.tableName)) {
    const [row] = await db.query(`SELECT COUNT(*) AS n FROM ${db.driver.escape(table)}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

function operationFor(field: GraphQLField<unknown, unknown>) {
  const variables = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
  return `mutation Probe${variables ? `(${variables})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

const CALLERS = [
  null,
  "CITY_ADMIN",
  "DISTRICT_OPERATOR",
  "PUBLICITY_EDITOR",
  "PLATFORM_OPERATOR",
] as const;

it("covers every mutation of the supergraph", () => {
  expect(owners.size).toBe(Object.keys(schema.getMutationType()!.getFields()).length);
  expect([...new Set(owners.values())].sort()).toEqual([...SUBGRAPHS].sort());
});

describe("every mutation, with generated input", () => {
  const names = Object.keys(
    buildASTSchema(parse(SUPERGRAPH), { assumeValid: true }).getMutationType()!.getFields(),
  );
  it.each(names)("%s", async (name) => {
    const field = schema.getMutationType()!.getFields()[name];
    const query = operationFor(field);
    const owner = owners.get(name)!;
    const tokens = {
      CITY_ADMIN: await fed.token("CITY_ADMIN"),
      DISTRICT_OPERATOR: await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
      PUBLICITY_EDITOR: await fed.token("PUBLICITY_EDITOR"),
      PLATFORM_OPERATOR: await fed.token("PLATFORM_OPERATOR", { platform: "1" }),
    };
    const variables = fc.record(
      Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)])),
    );
    await fc.assert(
      fc.asyncProperty(variables, fc.constantFrom(...CALLERS), async (vars, role) => {
        const before = await rowCounts(owner);
        const response = await send(fed.gatewayUrl, {
          query,
          variables: vars,
          token: role ? tokens[role] : undefined,
        });
        tally.requests += 1;
        expect(response.status).toBeLessThan(500);
        for (const error of response.errors ?? []) {
          const code = error.extensions?.code as string;
          tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
          expect({ code, known: isErrorCode(code) }).toEqual({ code, known: true });
          expect(code).not.toBe("INTERNAL_SERVER_ERROR");
          expect(error.message).not.toMatch(LEAKS);
        }
        if (response.errors?.length) {
          tally.refused += 1;
          expect(await rowCounts(owner)).toEqual(before);
        } else tally.accepted += 1;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
