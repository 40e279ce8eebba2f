// variablesAsSent (gateway/variables-as-sent.ts) lets the gateway skip graphql-js's copy of the
// variables: it may say yes only when getVariableValues would find no error and give back exactly
// what was sent. Checked against getVariableValues on hand-picked and generated variables.
import { buildSchema, getVariableValues, parse, type OperationDefinitionNode } from "graphql";
import { variablesAsSent } from "../../gateway/variables-as-sent";
import { isDeepStrictEqual } from "node:util";
import { random as seeded } from "../helpers/random";

const schema = buildSchema(`
  enum Kind { SME_PARK INCUBATOR }
  scalar DateTime
  input Row {
    externalId: String!
    name: String
    kind: Kind!
    tags: [Kind!]
    size: Int
    ratio: Float
    open: Boolean
    ref: ID
    at: DateTime
    level: Int = 3
    inner: Inner
  }
  input Inner { code: String! }
  input Pick @oneOf { a: String, b: Int }
  type Query { n: Int }
  type Mutation { publish(rows: [Row!]!, first: Int, ids: [ID!], pick: Pick, flag: Boolean): Int }
`);
const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;
const publish = operation(
  "mutation P($rows: [Row!]!, $first: Int, $ids: [ID!], $pick: Pick, $flag: Boolean) { publish(rows: $rows, first: $first, ids: $ids, pick: $pick, flag: $flag) }",
);
const withDefault = operation("mutation D($first: Int = 5) { publish(rows: [], first: $first) }");

/** What getVariableValues makes of the variables: as sent, changed, or refused. */
function coercion(op: OperationDefinitionNode, variables: Record<string, unknown>) {
  const result = getVariableValues(schema, op.variableDefinitions ?? [], variables);
  if (result.errors) return "refused";
  return isDeepStrictEqual(result.coerced, variables) ? "as sent" : "changed";
}

const row = (extra: Record<string, unknown> = {}) => ({
  externalId: "S-1",
  kind: "SME_PARK",
  level: 3,
  ...extra,
});

describe("variablesAsSent", () => {
  it("says yes for rows that coercion gives back unchanged", () => {
    const variables = {
      rows: [
        row({ name: "盐田", tags: ["INCUBATOR"], size: 12, ratio: 0.5, open: true, ref: "7" }),
        row({ name: null, inner: { code: "x" } }),
      ],
      first: 2,
      ids: ["1"],
    };
    expect(coercion(publish, variables)).toBe("as sent");
    expect(variablesAsSent(schema, publish.variableDefinitions!, variables)).toBe(true);
  });

  it("leaves to coercion every variable it would change or refuse", () => {
    const cases: Array<[OperationDefinitionNode, Record<string, unknown>]> = [
      [publish, { rows: [row({ level: undefined })] }], // a default filled in
      [publish, { rows: [{ externalId: "S-1", kind: "SME_PARK" }] }], // the same
      [publish, { rows: row() }], // one row for a list
      [publish, { rows: [row({ tags: "INCUBATOR" })] }],
      [publish, { rows: [row({ ref: 7 })] }], // an ID as a number
      [publish, { rows: [row({ at: "2026-01-01" })] }], // a custom scalar (its parseValue unknown)
      [publish, { rows: [row({ kind: "NOPE" })] }],
      [publish, { rows: [row({ extra: 1 })] }],
      [publish, { rows: [row({ size: 1.5 })] }],
      [publish, { rows: [row({ size: 2 ** 31 })] }],
      [publish, { rows: [row({ ratio: "1" })] }],
      [publish, { rows: [row({ externalId: null })] }],
      [publish, { rows: [null] }],
      [publish, { rows: null }],
      [publish, {}],
      [publish, { rows: [], pick: { a: "x" } }], // @oneOf
      [withDefault, {}],
    ];
    for (const [op, variables] of cases) {
      expect([
        op.name?.value,
        variables,
        variablesAsSent(schema, op.variableDefinitions!, variables),
      ]).toEqual([op.name?.value, variables, false]);
    }
    expect(variablesAsSent(schema, withDefault.variableDefinitions!, { first: 1 })).toBe(true);
  });

  it("never says yes where coercion refuses or changes (generated variables)", () => {
    const { next: random, pick } = seeded(7);
    const leaves = [
      "S",
      "",
      "SME_PARK",
      "INCUBATOR",
      "7",
      7,
      -3,
      1.5,
      2 ** 31,
      NaN,
      true,
      null,
      undefined,
      ["INCUBATOR"],
      [],
      { code: "x" },
    ];
    const fields = [
      "externalId",
      "name",
      "kind",
      "tags",
      "size",
      "ratio",
      "open",
      "ref",
      "level",
      "inner",
      "extra",
    ];
    let yes = 0;
    for (let n = 0; n < 1500; n += 1) {
      const rows = Array.from({ length: Math.floor(random() * 3) }, () => {
        const value: Record<string, unknown> = {};
        for (const field of fields) if (random() < 0.5) value[field] = pick(leaves);
        if (random() < 0.7) Object.assign(value, { externalId: "S", kind: "SME_PARK", level: 1 });
        return value;
      });
      const variables: Record<string, unknown> = { rows };
      if (random() < 0.3) variables.first = pick(leaves);
      if (random() < 0.3) variables.flag = pick(leaves);
      for (const key of Object.keys(variables))
        if (variables[key] === undefined) delete variables[key];
      const verdict = coercion(publish, variables);
      if (variablesAsSent(schema, publish.variableDefinitions!, variables)) {
        yes += 1;
        expect([variables, verdict]).toEqual([variables, "as sent"]);
      }
    }
    expect(yes).toBeGreaterThan(50);
  });
});
