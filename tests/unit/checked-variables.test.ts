// The gateway coerces a request's variables once (plugins/argument-values.ts) and marks them: the
// cost estimate then reads a batch's rows as [] (plugins/limits.ts) and @apollo/gateway's
// executor skips its own coercion. Unmarked variables are coerced as before.
import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { trustCheckedVariables, variablesChecked } from "../../gateway/plugins/argument-values";
import { argumentValuesPlugin } from "../../gateway/plugins/argument-values";
import { operationCost, variablesForEstimate } from "../../gateway/plugins/limits";

const schema = buildSchema(`
  input Row { externalId: String! }
  type Page { n: Int }
  type Query { items(first: Int, ids: [ID!]): [Page] }
  type Mutation { publish(rows: [Row!]!, ids: [ID!]): Page }
`);
const document = parse(`mutation P($rows: [Row!]!, $ids: [ID!], $first: Int) {
  publish(rows: $rows, ids: $ids) { n }
}`);
const operation = document.definitions[0] as OperationDefinitionNode;

async function resolve(variables: Record<string, unknown>) {
  const listener = await argumentValuesPlugin().requestDidStart!({} as never);
  await listener!.didResolveOperation!({
    request: { variables },
    document,
    schema,
    operation,
  } as never);
}

describe("variables checked once at the gateway", () => {
  it("marks the variables the argument-values plugin coerced, and only those", async () => {
    const good = { rows: [{ externalId: "A" }], ids: ["1", "2"], first: 3 };
    await resolve(good);
    expect(variablesChecked(good)).toBe(true);
    const bad = { rows: [{ externalId: 1, extra: true }] };
    await expect(resolve(bad)).rejects.toThrow();
    expect(variablesChecked(bad)).toBe(false);
    expect(variablesChecked({ ...good })).toBe(false);
  });

  it("gives the estimate a batch's rows as [], scalar lists and the rest as sent", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ externalId: `R${i}` }));
    const variables = { rows, ids: ["1", "2"], first: 3 };
    expect(variablesForEstimate(schema, operation, variables)).toBe(variables);
    await resolve(variables);
    const lighter = variablesForEstimate(schema, operation, variables)!;
    expect(lighter).toEqual({ rows: [], ids: ["1", "2"], first: 3 });
    expect(variables.rows).toHaveLength(1000);
    const cost = (v: Record<string, unknown>) =>
      operationCost(schema, document, { variables: v, listWeight: 10 });
    expect(cost(lighter)).toBe(cost(variables));
  });

  it("spares the executor's coercion of checked variables only", async () => {
    const calls: unknown[] = [];
    const gateway = {
      validateIncomingRequest(requestContext: { request: { variables?: object } }) {
        calls.push(requestContext.request.variables);
        return ["own check"];
      },
    };
    trustCheckedVariables(gateway);
    const checked = { rows: [], ids: null, first: null };
    await resolve(checked);
    const unchecked = { rows: [] };
    const check = gateway.validateIncomingRequest.bind(gateway) as (
      r: unknown,
      o: unknown,
    ) => unknown[];
    expect(check({ request: { variables: checked } }, {})).toEqual([]);
    expect(check({ request: { variables: unchecked } }, {})).toEqual(["own check"]);
    expect(calls).toEqual([unchecked]);
    expect(() => trustCheckedVariables({})).toThrow(/validateIncomingRequest/);
  });
});
