// Asks each subgraph for no more than a good plan needs. @apollo/gateway's query planner gives each
// entity type of a plan level its own fetch, and each fetch one representation per entity it met
// (the same district once per story that names it). Hive Router's Rust planner sends one request
// per subgraph and level, with every representation once; behind it, districts spent 6.4 CPU-ms on
// a CaseStories(first: 50) where behind us it spent 11.9 (docs/performance.md). Here, in the data
// source (datasource.ts) below the planner:
// - representations are sent once each, and the subgraph's answer for each is fanned back out to
//   every place that asked (entities come back in the order of the representations);
// - the entity fetches the executor starts together for one client request against one subgraph
//   (a Parallel node's fetches, started in one synchronous pass) go as one request of aliased
//   `_entities` fields, so that the subgraph pays its per-request work (credential, parse,
//   validation, a fresh set of DataLoaders) once and its loaders batch across them.
// Each fetch still gets the answer it would have had alone: its `_entities` in the order of its
// own representations, and the errors whose path points into it, at its own indices.
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from "graphql";

/** A subgraph error as it arrives (JSON). */
export interface SubgraphError {
  message: string;
  path?: ReadonlyArray<string | number>;
  [key: string]: unknown;
}

/** One entity fetch as the planner built it. */
export interface EntityFetch {
  document: DocumentNode;
  /** The operation text (the plan caches it: the same string for every request of a plan). */
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** What one entity fetch gets back: its own `_entities` and errors. */
export interface EntityAnswer {
  data: { _entities: unknown[] } | null | undefined;
  errors?: SubgraphError[];
}

/** The `_entities` field of an operation that is one entity fetch and nothing else, or null. */
export function entitiesField(document: DocumentNode | undefined): FieldNode | null {
  if (!document) return null;
  let operation: OperationDefinitionNode | null = null;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (operation) return null;
      operation = definition;
    } else if (definition.kind !== Kind.FRAGMENT_DEFINITION) return null;
  }
  if (operation?.operation !== OperationTypeNode.QUERY) return null;
  const selections = operation.selectionSet.selections;
  if (selections.length !== 1 || selections[0].kind !== Kind.FIELD) return null;
  const field = selections[0];
  if (field.name.value !== "_entities" || field.alias || field.directives?.length) return null;
  const argument = field.arguments?.length === 1 ? field.arguments[0] : null;
  if (argument?.name.value !== "representations" || argument.value.kind !== Kind.VARIABLE)
    return null;
  return argument.value.name.value === "representations" ? field : null;
}

/**
 * Representations once each: `unique` to send, and for each original index the index of its
 * answer in `unique`. Representations are JSON built by the executor from one selection, so equal
 * ones print equal.
 */
export function dedupe(representations: readonly unknown[]): { unique: unknown[]; slot: number[] } {
  const seen = new Map<string, number>();
  const unique: unknown[] = [];
  const slot = new Array<number>(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const key = JSON.stringify(representations[i]);
    let at = seen.get(key);
    if (at === undefined) {
      at = unique.length;
      seen.set(key, at);
      unique.push(representations[i]);
    }
    slot[i] = at;
  }
  return { unique, slot };
}

/** A JSON value copied: the executor merges into (and rewrites) each entity it receives. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out;
}

/** The answers for `slot` out of the answers for the unique representations. */
export function fanOut(entities: readonly unknown[], slot: readonly number[]): unknown[] {
  const used = new Uint8Array(entities.length);
  return slot.map((at) => {
    if (used[at]) return copy(entities[at]);
    used[at] = 1;
    return entities[at];
  });
}

/**
 * The errors of one fetch, from the errors of the request it went in: those whose path starts at
 * `alias` (the whole request's `_entities` when it went alone), repeated for each of its
 * representations that shared the failing one, at that representation's index; errors without
 * such a path go to every fetch of the request, as they would have come from each call alone.
 */
export function errorsFor(
  errors: readonly SubgraphError[] | undefined,
  alias: string,
  aliases: ReadonlySet<string>,
  slot: readonly number[],
): SubgraphError[] | undefined {
  if (!errors?.length) return undefined;
  const out: SubgraphError[] = [];
  for (const error of errors) {
    const head = error.path?.[0];
    if (typeof head !== "string" || !aliases.has(head)) {
      out.push(error);
      continue;
    }
    if (head !== alias) continue;
    const at = error.path![1];
    if (typeof at !== "number") {
      out.push({ ...error, path: ["_entities", ...error.path!.slice(1)] });
      continue;
    }
    for (let i = 0; i < slot.length; i++)
      if (slot[i] === at) out.push({ ...error, path: ["_entities", i, ...error.path!.slice(2)] });
  }
  return out.length ? out : undefined;
}

/** The alias of the i-th fetch of a merged request, and its representations' variable. */
export const aliasOf = (i: number) => `_e${i}`;
export const representationsVariable = (i: number) => `representations_${i}`;

/** One operation of aliased `_entities` fields, one per fetch: the text and its document. */
export interface MergedOperation {
  query: string;
  document: DocumentNode;
  operationName: string;
}

function mergeDocuments(fetches: readonly EntityFetch[]): MergedOperation {
  const variables = new Map<string, VariableDefinitionNode>();
  const fields: FieldNode[] = [];
  const fragments: FragmentDefinitionNode[] = [];
  fetches.forEach((fetch, i) => {
    // Fragment names are the planner's per fetch: each fetch's get a suffix of their own.
    const own = (name: string) => `${name}_${i}`;
    const renamed = visit(fetch.document, {
      FragmentDefinition: (node) => ({
        ...node,
        name: { ...node.name, value: own(node.name.value) },
      }),
      FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: own(node.name.value) } }),
    });
    for (const definition of renamed.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.push(definition);
        continue;
      }
      const operation = definition as OperationDefinitionNode;
      for (const variable of operation.variableDefinitions ?? []) {
        const name = variable.variable.name.value;
        // The client's variables have one definition in every fetch of its request.
        if (name === "representations")
          variables.set(representationsVariable(i), {
            ...variable,
            variable: {
              ...variable.variable,
              name: { kind: Kind.NAME, value: representationsVariable(i) },
            },
          });
        else if (!variables.has(name)) variables.set(name, variable);
      }
      const field = operation.selectionSet.selections[0] as FieldNode;
      fields.push({
        ...field,
        alias: { kind: Kind.NAME, value: aliasOf(i) },
        arguments: [
          {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: "representations" },
            value: {
              kind: Kind.VARIABLE,
              name: { kind: Kind.NAME, value: representationsVariable(i) },
            },
          },
        ],
      });
    }
  });
  const operationName = `${fetches[0].operationName ?? "entities"}__batch`;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: { kind: Kind.NAME, value: operationName },
        variableDefinitions: [...variables.values()],
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
      ...fragments,
    ],
  };
  const query = print(document);
  // What the subgraph parses, parsed here once: the document the data source marks calls from.
  return { query, document: parse(query), operationName };
}

/** Merged operations by the texts of the fetches they merge (plans are cached, so are these). */
const merged = new Map<string, MergedOperation>();
const MERGED_KEPT = 1000;

export function mergedOperation(fetches: readonly EntityFetch[]): MergedOperation {
  const key = fetches.map((f) => f.query).join("\u0000");
  let operation = merged.get(key);
  if (!operation) {
    operation = mergeDocuments(fetches);
    if (merged.size >= MERGED_KEPT) merged.clear();
    merged.set(key, operation);
  }
  return operation;
}

/** True when a fetch's own variables leave the merged representations' names free. */
export function mergeable(fetches: readonly EntityFetch[]): boolean {
  return fetches.every((fetch) =>
    Object.keys(fetch.variables).every((name) => !/^representations_\d+$/.test(name)),
  );
}

/** The variables of a merged request: the client's once, each fetch's representations apart. */
export function mergedVariables(
  fetches: readonly EntityFetch[],
  representations: readonly unknown[][],
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  fetches.forEach((fetch, i) => {
    for (const [name, value] of Object.entries(fetch.variables))
      if (name !== "representations") variables[name] = value;
    variables[representationsVariable(i)] = representations[i];
  });
  return variables;
}

/** What the data source sends and gets back (RemoteGraphQLDataSource's process). */
export interface Outgoing {
  query: string;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
}
export interface Incoming {
  data?: Record<string, unknown> | null;
  errors?: readonly SubgraphError[];
  [key: string]: unknown;
}

interface Pending<T> {
  fetch: EntityFetch;
  carrier: T;
  resolve(answer: Incoming): void;
  reject(error: unknown): void;
}

/** A fetch's variables other than its representations (the planner passes only those it uses). */
export const clientVariablesKey = (fetch: EntityFetch) =>
  JSON.stringify(
    Object.keys(fetch.variables)
      .filter((name) => name !== "representations")
      .sort()
      .map((name) => [name, fetch.variables[name]]),
  );

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/**
 * Collects the entity fetches one client request starts against one subgraph in one synchronous
 * pass (keyed by the request), and sends them once a microtask later: one fetch with its
 * representations deduplicated, several as one merged request. `send` gets the first fetch's
 * carrier (the data source's options) with the request to make instead.
 */
export class EntityBatcher<T> {
  private readonly queues = new WeakMap<object, Array<Pending<T>>>();

  constructor(
    private readonly send: (carrier: T, outgoing: Outgoing | null) => Promise<Incoming>,
  ) {}

  add(key: object, fetch: EntityFetch, carrier: T): Promise<Incoming> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) {
        const started: Array<Pending<T>> = (queue = []);
        this.queues.set(key, started);
        queueMicrotask(() => {
          this.queues.delete(key);
          void this.flush(started);
        });
      }
      queue.push({ fetch, carrier, resolve, reject });
    });
  }

  private async flush(queue: Array<Pending<T>>) {
    // Only fetches that carry the same client variables go as one: the subgraph checks every
    // variable a merged operation declares, so a value that one fetch's field refuses (a Date of
    // 2026-02-30 for District.meetingCount) would fail the fetches merged with it, which alone
    // would have been answered. Fetches with the same variables would each be refused alike.
    const groups = groupBy(queue, (p) => clientVariablesKey(p.fetch));
    if (groups.length > 1) {
      for (const group of groups) void this.flush(group);
      return;
    }
    if (queue.length > 1 && !mergeable(queue.map((p) => p.fetch))) {
      for (const pending of queue) void this.flush([pending]);
      return;
    }
    const sets = queue.map((p) => dedupe(p.fetch.variables.representations as unknown[]));
    try {
      if (queue.length === 1) {
        const [pending] = queue;
        const { fetch } = pending;
        const [{ unique, slot }] = sets;
        if (unique.length === slot.length)
          return pending.resolve(await this.send(pending.carrier, null));
        const response = await this.send(pending.carrier, {
          query: fetch.query,
          document: fetch.document,
          operationName: fetch.operationName,
          variables: { ...fetch.variables, representations: unique },
        });
        return pending.resolve(this.answerOf(response, "_entities", new Set(["_entities"]), slot));
      }
      const fetches = queue.map((p) => p.fetch);
      const operation = mergedOperation(fetches);
      const response = await this.send(queue[0].carrier, {
        ...operation,
        variables: mergedVariables(
          fetches,
          sets.map((s) => s.unique),
        ),
      });
      const aliases = new Set(queue.map((_, i) => aliasOf(i)));
      queue.forEach((pending, i) =>
        pending.resolve(this.answerOf(response, aliasOf(i), aliases, sets[i].slot)),
      );
    } catch (error) {
      for (const pending of queue) pending.reject(error);
    }
  }

  /** One fetch's answer out of the request's: its entities in its own order, and its errors. */
  private answerOf(
    response: Incoming,
    alias: string,
    aliases: ReadonlySet<string>,
    slot: readonly number[],
  ): Incoming {
    const entities = response.data?.[alias];
    const data =
      response.data && Array.isArray(entities)
        ? { _entities: fanOut(entities, slot) }
        : response.data && { _entities: entities };
    const answer: Incoming = { ...response, data };
    const errors = errorsFor(response.errors, alias, aliases, slot);
    if (errors) answer.errors = errors;
    else delete answer.errors;
    return answer;
  }
}
