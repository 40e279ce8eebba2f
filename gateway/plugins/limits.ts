// Limits on what one operation may ask, enforced at the gateway before any subgraph is asked:
// depth, aliases and directives (graphql-armor's validation rules), tokens (graphql-js's parser,
// through Apollo Server's parseOptions), and cost (graphql-query-complexity with an estimator that
// counts a list field's selection `first` times). Each refusal says the limit, what the operation
// reached and what to change. Batched HTTP requests stay off (Apollo Server's default).
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isObjectType,
  typeFromAST,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import type { LimitsConfig } from "../../runtime/config";
import { graphQLError } from "../../runtime/errors";
import { errorFields, type Logger } from "../../runtime/log";
import type { DocumentLimits } from "../../runtime/http/document-limits";
import type { GatewayContext } from "../context";
import { variablesChecked } from "./argument-values";

/** The page size a connection answers when `first` is not given (subgraphs/shared/pagination). */
const DEFAULT_PAGE = 20;

/**
 * Lists without `first` whose length the hub caps: counted at their cap, not at listWeight (a
 * story names at most 50 entities of each kind; a mentor group has at most 100 volunteers).
 */
export const LIST_CAPS: Readonly<Record<string, number>> = {
  "CaseStory.volunteers": 50,
  "CaseStory.stations": 50,
  "CaseStory.platforms": 50,
  "CaseStory.activities": 50,
  "Platform.mentors": 100,
};

/** The nodes of a connection (a type with pageInfo), whose field was weighted by `first`. */
const isConnectionNodes = (type: GraphQLCompositeType, name: string) =>
  (name === "nodes" || name === "edges") && isObjectType(type) && "pageInfo" in type.getFields();

/** Thrown by the estimator when fragments, expanded at every spread, reach too many fields. */
class ExpansionLimit extends Error {}

/**
 * A field costs 1 plus its selection's cost times how many items it can return: `first` for a
 * page, the number of `ids` for a lookup, `listWeight` for any other list, 1 otherwise. A
 * connection (a type with `nodes`) is weighted by `first` at the field that takes it. Fragments
 * are counted at every spread: past `maxFields` fields so counted, the estimate stops.
 */
export function pagedEstimator(listWeight: number, maxFields = Infinity): ComplexityEstimator {
  let fields = 0;
  return ({ type, field, args, childComplexity }) => {
    if (++fields > maxFields) throw new ExpansionLimit();
    // Introspection (GraphiQL reads the schema with it) is answered by the gateway alone.
    if (type.name.startsWith("__") || field.name.startsWith("__")) return 0;
    let items = 1;
    if (isConnectionNodes(type, field.name)) {
      items = 1; // already counted `first` times at the connection field
    } else if (field.args.some((a) => a.name === "first")) {
      items = typeof args.first === "number" && args.first > 0 ? args.first : DEFAULT_PAGE;
    } else if (Array.isArray(args.ids)) {
      items = args.ids.length;
    } else if (isListType(getNullableType(field.type))) {
      items = LIST_CAPS[`${type.name}.${field.name}`] ?? listWeight;
    }
    return 1 + items * childComplexity;
  };
}

/**
 * How many fields the estimate may visit, fragments expanded at every spread, for each field the
 * document may write (LIMIT_FIELDS): GraphiQL's introspection writes 81 and expands to 220. Two
 * fragments spreading the next twice over, fifteen deep, expand to 32,768.
 */
const EXPANSION_PER_FIELD = 10;

/** The estimated cost of an operation, as the gateway computes it for the cost limit. */
export function operationCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]["query"],
  options: {
    operationName?: string;
    variables?: Record<string, unknown>;
    listWeight: number;
    /** Fields the estimate may visit, fragments expanded; past them it throws. */
    maxFields?: number;
  },
) {
  return getComplexity({
    schema,
    query: document,
    operationName: options.operationName,
    variables: options.variables ?? {},
    estimators: [pagedEstimator(options.listWeight, options.maxFields)],
  });
}

/**
 * The variables as the estimate reads them. It coerces them all again (graphql-query-complexity
 * calls getVariableValues), and a batch's rows (1,000 stations) cost as much to coerce as the rest
 * of the estimate: once the argument-values plugin has found the variables fitting, lists of
 * input objects are given as [], which fits any list type. The estimator reads only `first`, the
 * length of `ids` (scalars) and directives' conditions, never a list of input objects.
 */
export function variablesForEstimate(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | null | undefined,
  variables: Record<string, unknown> | undefined,
) {
  if (!variables || !operation?.variableDefinitions || !variablesChecked(variables))
    return variables;
  let lighter: Record<string, unknown> | undefined;
  for (const definition of operation.variableDefinitions) {
    const name = definition.variable.name.value;
    if (!Array.isArray(variables[name])) continue;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isListType(getNullableType(type)) || !isInputObjectType(getNamedType(type)))
      continue;
    lighter ??= { ...variables };
    lighter[name] = [];
  }
  return lighter ?? variables;
}

const refused = (message: string) =>
  graphQLError("GRAPHQL_VALIDATION_FAILED", message, { http: true });

/** Why an operation's cost could not be estimated, in words its sender can act on. */
function unestimated(error: unknown, limits: LimitsConfig, log: Logger) {
  const expanded = limits.maxFields * EXPANSION_PER_FIELD;
  if (error instanceof ExpansionLimit)
    return `its fragments, counted at every spread, select more than ${expanded} fields; spread each fragment fewer times`;
  // graphql-js's own words about the document or its variables (a null for a non-null argument).
  if (error instanceof GraphQLError) return error.message;
  log.warn({ ...errorFields(error) }, "cost estimate failed");
  return "the estimate failed";
}

/** Estimates remembered per document, operation and variables as the estimate read them. */
const COSTS_PER_DOCUMENT = 100;
/** The longest operation name and variables (as JSON) an estimate is remembered for. */
const MEMO_KEY_CHARS = 2048;

/**
 * The estimates already made: the estimate is a function of the schema, the parsed document
 * (Apollo Server hands the same object for the same text), the operation name and the variables,
 * so a repeated request gets the number the estimator gave the first time (about 2 % of the
 * gateway's CPU on the benchmark's reads). A failed estimate is not remembered.
 */
class CostMemo {
  private readonly bySchema = new WeakMap<GraphQLSchema, WeakMap<object, Map<string, number>>>();

  get(
    schema: GraphQLSchema,
    document: object,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    estimate: () => number,
  ): number {
    let byDocument = this.bySchema.get(schema);
    if (!byDocument) this.bySchema.set(schema, (byDocument = new WeakMap()));
    let costs = byDocument.get(document);
    if (!costs) byDocument.set(document, (costs = new Map<string, number>()));
    const key = JSON.stringify([operationName ?? null, variables ?? {}]);
    // Large variables (long texts) are estimated each time rather than kept as keys.
    if (key.length > MEMO_KEY_CHARS) return estimate();
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = estimate();
      if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
      costs.set(key, cost);
    }
    return cost;
  }
}

/**
 * Refuses an operation whose estimated cost is over LIMIT_COST, and one whose cost cannot be
 * estimated: the limit fails closed. (It failed open: a null `@include(if:)` made the estimator
 * throw, and stations nested three times over ran uncounted, 20 s and 1.4 GB in districts.)
 */
function costPlugin(limits: LimitsConfig, log: Logger): ApolloServerPlugin<GatewayContext> {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          request,
          document,
          schema,
          operation,
          operationName,
          contextValue,
        }) {
          // Subgraphs' own checks (a batch of 1000 participants' standings) are fixed documents
          // in operations/ folders, validated by the schema test, sent for a client already counted.
          if (contextValue.caller?.role === "SERVICE") return;
          let cost: number;
          try {
            const variables = variablesForEstimate(schema, operation, request.variables);
            cost = costs.get(schema, document, operationName, variables, () =>
              operationCost(schema, document, {
                operationName: operationName ?? undefined,
                variables,
                listWeight: limits.listWeight,
                maxFields: limits.maxFields * EXPANSION_PER_FIELD,
              }),
            );
          } catch (error) {
            throw refused(
              `the cost limit of ${limits.maxCost} could not be checked for this operation, so it is refused: ${unestimated(error, limits, log)}`,
            );
          }
          if (cost > limits.maxCost) {
            throw refused(
              `this operation's estimated cost is ${cost}, over the limit of ${limits.maxCost}: ask for fewer items (a smaller first) or fewer nested lists, and page through the rest`,
            );
          }
        },
      };
    },
  };
}

export interface LimitProtection {
  plugins: Array<ApolloServerPlugin<GatewayContext>>;
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  /** Checked on the document's tokens by the GraphQL route, before Apollo parses or validates. */
  document: DocumentLimits;
}

/**
 * graphql-armor reports "Syntax Error: <message>"; the hub reports its own words instead, through
 * armor's documented onReject hook (propagateOnRejection off).
 */
const report = (message: string) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null) =>
      context?.reportError(graphQLError("GRAPHQL_VALIDATION_FAILED", message)),
  ],
});

/** What the gateway's ApolloServer takes from the limits section. */
export function limitsProtection(
  limits: LimitsConfig,
  production: boolean,
  log: Logger,
): LimitProtection {
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...report(
        `this operation nests fields deeper than the limit of ${limits.maxDepth}; ask for less at once`,
      ),
    },
    maxAliases: {
      n: limits.maxAliases,
      // __typename aliases cost little, but 500 of them are still 500 answers to write.
      allowList: [],
      ...report(
        `this operation uses more aliases than the limit of ${limits.maxAliases}; send several smaller requests, or a list field where there is one (volunteersByIds, stationsByIds)`,
      ),
    },
    maxDirectives: {
      n: limits.maxDirectives,
      ...report(`this operation uses more directives than the limit of ${limits.maxDirectives}`),
    },
    // Tokens are counted by graphql-js itself (parseOptions below); cost by costPlugin.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Field suggestions ("Did you mean ...") help developers and map the schema for attackers.
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return {
    plugins: [
      ...(protection.plugins as Array<ApolloServerPlugin<GatewayContext>>),
      costPlugin(limits, log),
    ],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    document: {
      maxNesting: limits.maxParseDepth,
      maxTokens: limits.maxTokens,
      maxSelectionFields: limits.maxSelectionFields,
      maxFields: limits.maxFields,
      maxFieldRepeats: limits.maxFieldRepeats,
      maxArgumentRepeats: limits.maxArgumentRepeats,
    },
  };
}
