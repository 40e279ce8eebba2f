// The gateway's own executor of @apollo/gateway's query plans, in place of its executeQueryPlan
// (dist/executeQueryPlan.js): the same plan from the same plan cache, the same fetches through the
// same data sources (so entity batching still merges the fetches one level starts together), the
// same merge of their answers, the same errors with the same paths, and the answer shaped by
// result-shape.ts. What it leaves out is per-request work whose result never changes: the
// operation rebuilt from the document on every request, a usage-reporting trace node built for
// every plan node whether traces are captured or not, a span per fetch. Whatever it does not do
// exactly as Apollo (tracing on, traces captured, the query plan asked for in a header,
// introspection, subscriptions, @defer) goes to Apollo's own executor, unchanged.
import { createHash } from "node:crypto";
import { buildOperationContext, type ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { generateHydratedPaths } from "@apollo/gateway/dist/executeQueryPlan";
import { computeResponse } from "@apollo/gateway/dist/resultShaping";
import { applyRewrites, isObjectOfType } from "@apollo/gateway/dist/dataRewrites";
import { deepMerge } from "@apollo/gateway/dist/utilities/deepMerge";
import {
  ERRORS,
  errorCodeDef,
  operationFromDocument,
  type Operation,
  type Schema,
} from "@apollo/federation-internals";
import {
  evaluateCondition,
  getResponseName,
  type FetchNode,
  type PlanNode,
  type QueryPlan,
  type QueryPlanSelectionNode,
  type SubscriptionNode,
} from "@apollo/query-planner";
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from "@apollo/server-gateway-interface";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Logger } from "../runtime/log";
import { NotShaped, shapePlanOf, shapeResponse, type ShapePlan } from "./result-shape";

type Data = Record<string, unknown>;
type Path = Array<string | number>;
type RequestContext = GatewayGraphQLRequestContext;
type OperationContext = ReturnType<typeof buildOperationContext>;

/** The parts of ApolloGateway its executor uses (private in its types, there at run time). */
interface GatewayInternals {
  executor: GatewayExecutor;
  schema?: GraphQLSchema;
  apiSchema?: Schema;
  supergraphSchema?: GraphQLSchema;
  serviceMap: Record<string, { dataSource: GraphQLDataSource }>;
  queryPlanStore: {
    get(key: string): Promise<QueryPlan | undefined>;
    set(key: string, plan: QueryPlan): Promise<void>;
  };
  queryPlanner?: { buildQueryPlan(operation: Operation, options: object): QueryPlan };
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
  validateIncomingRequest(
    requestContext: RequestContext,
    context: OperationContext,
  ): GraphQLError[];
  config: { debug?: boolean; __exposeQueryPlanExperimental?: boolean };
  experimental_didResolveQueryPlan?: unknown;
}

interface Cursor {
  path: Path;
  data: unknown;
  fullResult: Data;
}

interface Execution {
  services: Record<string, GraphQLDataSource>;
  requestContext: RequestContext;
  supergraphSchema: GraphQLSchema;
  operation: Operation;
  errors: unknown[];
}

// Read once: the package's index re-exports it through a getter, dear per representation field.
const responseNameOf = getResponseName;

/** Plans this executor walks whole: no Defer, no Subscription (remembered per plan). */
const walkable = new WeakMap<QueryPlan, boolean>();
function canWalk(node: PlanNode | SubscriptionNode | undefined): boolean {
  if (!node) return true;
  switch (node.kind) {
    case "Fetch":
      return true;
    case "Flatten":
      return canWalk(node.node);
    case "Sequence":
    case "Parallel":
      return node.nodes.every(canWalk);
    case "Condition":
      return canWalk(node.ifClause) && canWalk(node.elseClause);
    default:
      return false;
  }
}

/**
 * What one element contributes to executeQueryPlan's flattenResultsAtPath's flatMap at `@`: its
 * own flattened value, spread if it is a list, pushed straight into the result.
 */
function flattenInto(
  value: unknown,
  path: readonly (string | number)[],
  from: number,
  out: unknown[],
) {
  for (let i = from; i < path.length; i++) {
    if (value === undefined || value === null) break;
    const current = path[i];
    if (current === "@") {
      if (!Array.isArray(value)) (value as { flatMap(): void }).flatMap();
      for (const element of value as unknown[]) flattenInto(element, path, i + 1, out);
      return;
    }
    value = step(value, current);
  }
  if (Array.isArray(value)) for (const element of value) out.push(element);
  else out.push(value);
}

/** flattenResultsAtPath's step into a field, with its assertions' words. */
function step(value: unknown, current: string | number) {
  if (typeof current !== "string") throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value))
    throw new Error(`Unexpected array in result for path element ${current}`);
  return Object.hasOwn(value as object, current) ? (value as Data)[current] : undefined;
}

/** executeQueryPlan's flattenResultsAtPath, without an array per element and level. */
function flattenAtPath(value: unknown, path: readonly (string | number)[]): unknown {
  for (let i = 0; i < path.length; i++) {
    if (value === undefined || value === null) return value;
    const current = path[i];
    if (current === "@") {
      const out: unknown[] = [];
      if (!Array.isArray(value)) (value as { flatMap(): void }).flatMap();
      for (const element of value as unknown[]) flattenInto(element, path, i + 1, out);
      return out;
    }
    value = step(value, current);
  }
  return value;
}

function moveInto(cursor: Cursor, path: readonly (string | number)[]): Cursor | undefined {
  const data = flattenAtPath(cursor.data, path);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

/** executeQueryPlan's executeSelectionSet: an entity's representation for a fetch's requires. */
function representationOf(
  schema: GraphQLSchema,
  source: unknown,
  selections: readonly QueryPlanSelectionNode[],
): Data | null {
  if (source === null) return null;
  const result = Object.create(null) as Data;
  const from = source as Data;
  for (const selection of selections) {
    if (selection.kind === "Field") {
      const responseName = responseNameOf(selection);
      const inner = selection.selections;
      if (!Object.hasOwn(from, responseName) || typeof from[responseName] === "undefined")
        return null;
      const value = from[responseName];
      if (Array.isArray(value))
        result[responseName] = value.map((v: unknown) =>
          inner ? representationOf(schema, v, inner) : v,
        );
      else if (inner) result[responseName] = representationOf(schema, value, inner);
      else result[responseName] = value;
    } else if (selection.kind === "InlineFragment") {
      if (!selection.typeCondition || !source) continue;
      if (isObjectOfType(schema, from, selection.typeCondition))
        deepMerge(result, representationOf(schema, from, selection.selections));
    }
  }
  return result;
}

/** executeQueryPlan's downstreamServiceError. */
function downstreamError(
  original: GraphQLError,
  serviceName: string,
  pathOf: (path: readonly (string | number)[] | undefined) => Path | undefined,
) {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options = {
    originalError: original,
    path: pathOf(original.path),
    extensions: { ...extensions, serviceName },
  };
  const codeDef = errorCodeDef(original);
  if (!codeDef && extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

function errorPaths(fetch: FetchNode, cursor: Cursor) {
  let hydrated: Path[] | undefined;
  return (path: readonly (string | number)[] | undefined): Path | undefined => {
    if (fetch.requires && typeof path?.[1] === "number") {
      if (!hydrated) {
        hydrated = [];
        generateHydratedPaths([], cursor.path, cursor.fullResult, hydrated);
      }
      return [...(hydrated[path[1]] ?? []), ...path.slice(2)];
    }
    return path ? [...cursor.path, ...path.slice()] : undefined;
  };
}

async function send(
  run: Execution,
  fetch: FetchNode,
  cursor: Cursor,
  service: GraphQLDataSource,
  variables: Data,
): Promise<Data | null | undefined> {
  const { requestContext } = run;
  const response = await service.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: {
      query: fetch.operation,
      variables,
      operationName: fetch.operationName,
      http: undefined,
    },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const pathOf = errorPaths(fetch, cursor);
    run.errors.push(
      ...response.errors.map((error) =>
        downstreamError(error as GraphQLError, fetch.serviceName, pathOf),
      ),
    );
    if (!response.extensions?.ftv1) {
      const paths = response.errors.map((error) => ({
        subgraph: fetch.serviceName,
        path: error.path,
      }));
      const metrics = requestContext.metrics as { nonFtv1ErrorPaths?: unknown[] };
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...paths);
      else metrics.nonFtv1ErrorPaths = paths;
    }
  }
  return response.data as Data | null | undefined;
}

/** executeQueryPlan's executeFetch, without its span and trace node. */
async function executeFetch(run: Execution, fetch: FetchNode, cursor: Cursor) {
  const service = run.services[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = (
    Array.isArray(cursor.data)
      ? cursor.data.filter((e: unknown) => e !== null && e !== undefined)
      : [cursor.data]
  ) as Data[];
  if (entities.length < 1) return;
  const variables = Object.create(null) as Data;
  const provided = run.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? [])
    if (provided && Object.hasOwn(provided, name) && typeof provided[name] !== "undefined")
      variables[name] = provided[name];
  const schema = run.supergraphSchema;
  if (!fetch.requires) {
    const received = await send(run, fetch, cursor, service, variables);
    if (received) applyRewrites(schema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }
  const representations: Data[] = [];
  const toEntity: number[] = [];
  entities.forEach((entity, index) => {
    const representation = representationOf(schema, entity, fetch.requires!);
    if (representation && representation.__typename) {
      applyRewrites(schema, fetch.inputRewrites, representation);
      representations.push(representation);
      toEntity.push(index);
    }
  });
  if (representations.length < 1) return;
  if ("representations" in variables)
    throw new Error(`Variables cannot contain key "representations"`);
  const received = await send(run, fetch, cursor, service, { ...variables, representations });
  if (!received) return;
  if (!(received._entities && Array.isArray(received._entities)))
    throw new Error(`Expected "data._entities" in response to be an array`);
  const got = received._entities as Array<Data | null>;
  if (got.length !== representations.length)
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < representations.length; i++) {
    const entity = got[i];
    const existing = entities[toEntity[i]];
    if (entity && !entity.__typename) entity.__typename = existing.__typename;
    applyRewrites(schema, fetch.outputRewrites, entity as Data);
    deepMerge(existing, entity);
  }
}

/** executeQueryPlan's executeNode, without trace nodes. */
async function executeNode(run: Execution, node: PlanNode, cursor: Cursor | undefined) {
  if (!cursor) return;
  switch (node.kind) {
    case "Sequence":
      for (const child of node.nodes) await executeNode(run, child, cursor);
      return;
    case "Parallel":
      await Promise.all(node.nodes.map((child) => executeNode(run, child, cursor)));
      return;
    case "Flatten":
      await executeNode(run, node.node, moveInto(cursor, node.path));
      return;
    case "Fetch":
      try {
        await executeFetch(run, node, cursor);
      } catch (error) {
        run.errors.push(error);
      }
      return;
    case "Condition": {
      const branch = evaluateCondition(
        node,
        run.operation.variableDefinitions,
        run.requestContext.request.variables,
      )
        ? node.ifClause
        : node.elseClause;
      if (branch) await executeNode(run, branch, cursor);
      return;
    }
    default:
      throw new Error(`${node.kind} is not walked by the gateway's executor`);
  }
}

/** executeQueryPlan's post-processing: the answer from the merged data, its errors and extensions. */
function respond(
  run: Execution,
  shape: ShapePlan,
  operationContext: OperationContext,
  data: Data,
  log: Logger,
) {
  const { errors } = run;
  const variables = run.requestContext.request.variables;
  let shaped: { data: unknown; errors: GraphQLError[] };
  try {
    try {
      shaped = shapeResponse(shape, variables, data);
    } catch (error) {
      if (!(error instanceof NotShaped)) throw error;
      shaped = computeResponse({
        operation: shape.operation,
        variables,
        input: data,
        introspectionHandling: () => {
          throw new Error(`${operationContext.operation.name?.value} has no introspection`);
        },
      });
    }
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    if (error instanceof Error)
      return { errors: [new GraphQLError(error.message, { originalError: error })] };
    log.error({ error: String(error) }, "unexpected error during query plan execution");
    return { errors: [new GraphQLError("Unexpected error during query plan execution")] };
  }
  if (errors.length === 0 && shaped.errors.length > 0)
    return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
  return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
}

/**
 * Puts the gateway's own executor before Apollo's. Call before ApolloServer starts (its load()
 * hands Apollo Server the executor). The plan comes from Apollo's own plan cache, planned there as
 * Apollo plans it; validateIncomingRequest runs as in Apollo's.
 */
export function ownPlanExecutor(gateway: ApolloGateway, log: Logger) {
  const target = gateway as unknown as GatewayInternals;
  const apollo = target.executor;
  if (typeof apollo !== "function" || !target.queryPlanStore || !target.serviceMap)
    throw new Error("@apollo/gateway's executor is not the one plan-executor.ts knows");
  target.executor = async (requestContext) => {
    const { request, document, queryHash } = requestContext;
    const { apiSchema, schema, supergraphSchema, queryPlanner, config } = target;
    if (
      !apiSchema ||
      !schema ||
      !supergraphSchema ||
      !queryPlanner ||
      config.debug ||
      target.experimental_didResolveQueryPlan ||
      (requestContext.metrics as { captureTraces?: boolean } | undefined)?.captureTraces ||
      (config.__exposeQueryPlanExperimental &&
        request.http?.headers?.get("Apollo-Query-Plan-Experimental"))
    )
      return apollo(requestContext);
    const operationContext = buildOperationContext({
      schema,
      operationDocument: document,
      operationName: request.operationName,
    });
    const shape = shapePlanOf(
      apiSchema,
      document,
      operationContext.operation,
      operationContext.fragments,
      request.operationName,
    );
    if (!shape) return apollo(requestContext);
    const storeKey = request.operationName
      ? createHash("sha256").update(queryHash).update(request.operationName).digest("hex")
      : queryHash;
    const validationErrors = target.validateIncomingRequest(requestContext, operationContext);
    if (validationErrors.length > 0) return { errors: validationErrors };
    let plan = await target.queryPlanStore.get(storeKey);
    if (!plan) {
      const operation = operationFromDocument(apiSchema, document, {
        operationName: request.operationName ?? undefined,
      });
      plan = queryPlanner.buildQueryPlan(operation, {
        recursiveSelectionsLimitDisabled: target.recursiveSelectionsLimitDisabled,
        nonLocalSelectionsLimitDisabled: target.nonLocalSelectionsLimitDisabled,
      });
      try {
        await target.queryPlanStore.set(storeKey, plan);
      } catch (error) {
        log.warn({ error: String(error) }, "could not store the query plan");
      }
    }
    let whole = walkable.get(plan);
    if (whole === undefined) walkable.set(plan, (whole = canWalk(plan.node)));
    if (!whole) return apollo(requestContext);
    const services = Object.create(null) as Record<string, GraphQLDataSource>;
    for (const [name, { dataSource }] of Object.entries(target.serviceMap))
      services[name] = dataSource;
    const run: Execution = {
      services,
      requestContext,
      supergraphSchema,
      operation: shape.operation,
      errors: [],
    };
    const data = Object.create(null) as Data;
    if (plan.node)
      await executeNode(run, plan.node as PlanNode, { path: [], data, fullResult: data });
    const response = respond(run, shape, operationContext, data, log);
    return response as Awaited<ReturnType<GatewayExecutor>>;
  };
}
