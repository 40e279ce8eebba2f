// selectedFields (subgraphs/shared/selection.ts): the fields asked directly below the one being
// resolved, through fragments, as graphql-js's @skip/@include leave them; what a page of stories
// loads ahead for its stories' fields.
import { buildSchema, graphql, type GraphQLResolveInfo } from "graphql";
import { selectedFields } from "../../subgraphs/shared/selection";

const schema = buildSchema(`
  type Item { a: Int b: Int c: Item }
  type Query { items: [Item] }
`);

async function seen(source: string, variableValues?: Record<string, unknown>) {
  let names: string[] = [];
  const result = await graphql({
    schema,
    source,
    variableValues,
    rootValue: {
      items: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        names = [...selectedFields(info)].sort();
        return [];
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return names;
}

describe("selectedFields", () => {
  it("names the fields of the selection, not those below them", async () => {
    expect(await seen(`{ items { a c { b } } }`)).toEqual(["a", "c"]);
  });

  it("follows inline fragments and fragment spreads, and aliased fields by name", async () => {
    expect(
      await seen(`{ items { ... on Item { a } ...F x: c { a } } } fragment F on Item { b }`),
    ).toEqual(["a", "b", "c"]);
  });

  it("leaves out what @skip and @include leave out, variables included", async () => {
    const q = `query ($no: Boolean!) { items { a @skip(if: true) b @include(if: $no) ... @include(if: false) { c { a } } } }`;
    expect(await seen(q, { no: false })).toEqual([]);
    expect(await seen(q, { no: true })).toEqual(["b"]);
  });

  it("counts a field asked for under every field node of the same response key", async () => {
    expect(await seen(`{ items { a } items { b } }`)).toEqual(["a", "b"]);
  });
});
