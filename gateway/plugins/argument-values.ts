// Arguments that the variables leave null: `query($x: Boolean = true) { a @include(if: $x) }` with
// {"x": null} validates (the variable has a default), yet gives the non-null `if` a null. graphql-js
// finds it only while it executes; the gateway's cost estimator threw on it, and its query planner
// answered an internal error after the subgraphs had done the work. This refuses it as soon as the
// operation is resolved, before the cost is estimated or anything planned: 400
// GRAPHQL_VALIDATION_FAILED, naming the argument and the variable. Variables that do not fit their
// types are refused first, 400 BAD_USER_INPUT, as the gateway's executor would.
import type { ApolloServerPlugin } from "@apollo/server";
import {
  BREAK,
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLDirective,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { graphQLError, type ErrorCode } from "../../runtime/errors";
import type { GatewayContext } from "../context";
import { variablesAsSent } from "../variables-as-sent";

const refusal = (code: ErrorCode, error: GraphQLError, message = error.message) =>
  graphQLError(code, message, { nodes: error.nodes, http: true });

/** The variables a value names, with the value each was given. */
function variablesIn(value: ValueNode, found: string[] = []): string[] {
  if (value.kind === Kind.VARIABLE) found.push(value.name.value);
  else if (value.kind === Kind.LIST) value.values.forEach((v) => variablesIn(v, found));
  else if (value.kind === Kind.OBJECT) value.fields.forEach((f) => variablesIn(f.value, found));
  return found;
}

/** graphql-js's words, then which variables are null and what to do about them. */
function explain(
  error: GraphQLError,
  where: string,
  args: readonly ArgumentNode[] | undefined,
  variables: Record<string, unknown>,
) {
  const nulls = [...new Set((args ?? []).flatMap((a) => variablesIn(a.value)))].filter(
    (name) => variables[name] === null,
  );
  const said = error.message.replace(/\.$/, "");
  if (!nulls.length) return `${where}: ${said}`;
  const listed = nulls.map((n) => `$${n}`).join(", ");
  return `${where}: ${said}, and ${listed} ${nulls.length > 1 ? "are" : "is"} null: give a value, or leave the variable out to use its default`;
}

/**
 * The first argument, of a field or a directive in the operation or a fragment it spreads, that
 * its coerced variables cannot fill; null when there is none. Validation has refused literal
 * nulls and missing arguments, coercion variables that do not fit: what is left is a variable
 * whose default made it allowed where a value is required, sent as null.
 */
export function argumentProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError | null {
  // After validation and coercion, only a variable's explicit null can leave an argument empty.
  if (!Object.values(variables).some((value) => value === null)) return null;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const pending: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  const spread = new Set<string>();
  let problem: GraphQLError | null = null;
  const check = (
    def: GraphQLField<unknown, unknown> | GraphQLDirective | null | undefined,
    node: FieldNode | DirectiveNode,
    where: string,
  ) => {
    if (!def) return undefined;
    try {
      getArgumentValues(def, node, variables);
      return undefined;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      problem = refusal(
        "GRAPHQL_VALIDATION_FAILED",
        error,
        explain(error, where, node.arguments, variables),
      );
      return BREAK;
    }
  };
  for (let next = pending.pop(); next && !problem; next = pending.pop()) {
    const typeInfo = new TypeInfo(schema);
    visit(
      next,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => check(typeInfo.getFieldDef(), node, `field "${node.name.value}"`),
        Directive: (node) => check(typeInfo.getDirective(), node, `@${node.name.value}`),
        // getArgumentValues reads the arguments itself; their values need no visit.
        Argument: () => false,
        FragmentSpread(node) {
          const fragment = fragments.get(node.name.value);
          if (fragment && !spread.has(node.name.value)) pending.push(fragment);
          spread.add(node.name.value);
        },
      }),
    );
  }
  return problem;
}

/**
 * Variables objects this plugin found fitting (coerced without an error, or already what coercion
 * would make of them). Coercing is the dearest step of a big mutation at the gateway (1,000
 * stations: 2.3 ms each time), and the cost estimate and @apollo/gateway's executor each did it
 * again: they read the mark (variablesChecked) instead.
 */
const checked = new WeakSet<object>();

/** Whether these very variables (the same object, untouched since) fit their operation's types. */
export const variablesChecked = (variables: object | undefined) =>
  Boolean(variables && checked.has(variables));

/**
 * Spares @apollo/gateway's executor its own coercion of variables this plugin has found fitting
 * (its validateIncomingRequest: the same getVariableValues on the same schema, answered []).
 * A gateway without that method (another version) fails to start rather than coerce twice unseen.
 */
export function trustCheckedVariables(gateway: object) {
  type Check = (
    requestContext: { request: { variables?: Record<string, unknown> } },
    operationContext: unknown,
  ) => unknown[];
  const target = gateway as { validateIncomingRequest?: Check };
  const own = target.validateIncomingRequest;
  if (typeof own !== "function")
    throw new Error("@apollo/gateway has no validateIncomingRequest: review trustCheckedVariables");
  target.validateIncomingRequest = function (requestContext, operationContext) {
    return variablesChecked(requestContext.request.variables)
      ? []
      : own.call(this, requestContext, operationContext);
  };
}

export function argumentValuesPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return;
          const definitions = operation.variableDefinitions ?? [];
          const variables = request.variables ?? {};
          // Variables that are already what coercion would make of them are not copied
          // (variables-as-sent.ts); the others are coerced, and refused as before.
          let coerced = variables;
          if (!variablesAsSent(schema, definitions, variables)) {
            const result = getVariableValues(schema, definitions, variables, { maxErrors: 1 });
            if (result.errors) throw refusal("BAD_USER_INPUT", result.errors[0]);
            coerced = result.coerced;
          }
          const problem = argumentProblem(schema, document, operation, coerced);
          if (problem) throw problem;
          if (request.variables) checked.add(request.variables);
        },
      };
    },
  };
}
