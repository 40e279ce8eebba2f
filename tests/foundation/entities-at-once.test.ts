// `_entities` after one wait (subgraphs/shared/entities-at-once.ts) answers what @apollo/subgraph's
// own resolver answers: the same data, nulls and errors at the same paths, for references that
// answer at once, later, not at all, with another type's name, or fail; an unknown type fails the
// whole field in both.
import { buildSubgraphSchema } from "@apollo/subgraph";
import { execute, parse } from "graphql";
import gql from "graphql-tag";
import { entitiesAtOnce } from "../../subgraphs/shared/entities-at-once";

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Thing @key(fields: "id") {
    id: ID!
    name: String
  }
  type Later @key(fields: "id") {
    id: ID!
    name: String
  }
  type Bare @key(fields: "id") {
    id: ID!
  }
  type Query {
    hello: String
  }
`;

/** Thing answers at once, Later after a promise; "null" resolves to nothing, "fail" fails. */
const references = {
  Thing: {
    __resolveReference(ref: { id: string }) {
      if (ref.id === "fail") throw new Error("thing failed");
      return ref.id === "null" ? null : { id: ref.id, name: `thing ${ref.id}` };
    },
  },
  Later: {
    async __resolveReference(ref: { id: string }) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (ref.id === "fail") throw new Error("later failed");
      if (ref.id === "text") throw "not an error"; // eslint-disable-line @typescript-eslint/only-throw-error
      if (ref.id === "other") return { __typename: "Thing", id: "other", name: "named Thing" };
      return ref.id === "null" ? null : { id: ref.id, name: `later ${ref.id}` };
    },
  },
};

const stock = buildSubgraphSchema({ typeDefs, resolvers: references });
const atOnce = buildSubgraphSchema({
  typeDefs,
  resolvers: { ...references, Query: { _entities: entitiesAtOnce } },
});

const QUERY = parse(`query ($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on Thing { id name } ... on Later { id name } ... on Bare { id } } }`);

async function both(representations: object[]) {
  const run = async (schema: typeof stock) =>
    JSON.parse(
      JSON.stringify(
        await execute({ schema, document: QUERY, variableValues: { r: representations } }),
      ),
    ) as unknown;
  return [await run(stock), await run(atOnce)];
}

describe("entitiesAtOnce", () => {
  it("answers at-once references as @apollo/subgraph does", async () => {
    const [expected, actual] = await both([
      { __typename: "Thing", id: "1" },
      { __typename: "Thing", id: "null" },
      { __typename: "Bare", id: "9" },
      { __typename: "Thing", id: "2" },
    ]);
    expect(actual).toEqual(expected);
    expect(JSON.stringify(actual)).toContain("thing 2");
  });

  it("answers later ones, nulls, another type's name and failures at their index as it does", async () => {
    const [expected, actual] = await both([
      { __typename: "Later", id: "1" },
      { __typename: "Later", id: "fail" },
      { __typename: "Thing", id: "3" },
      { __typename: "Later", id: "null" },
      { __typename: "Later", id: "other" },
      { __typename: "Later", id: "text" },
      { __typename: "Bare", id: "9" },
    ]);
    expect(actual).toEqual(expected);
    expect(JSON.stringify(actual)).toContain("later failed");
  });

  it("fails the whole field as it does for a reference that throws or an unknown type", async () => {
    for (const reps of [
      [
        { __typename: "Later", id: "1" },
        { __typename: "Thing", id: "fail" },
      ],
      [
        { __typename: "Thing", id: "1" },
        { __typename: "Nope", id: "1" },
      ],
    ]) {
      const [expected, actual] = await both(reps);
      expect(actual).toEqual(expected);
      expect(JSON.stringify(actual)).toMatch(/failed|Nope/);
    }
  });
});
