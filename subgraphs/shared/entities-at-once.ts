// `_entities` answered after one wait for all its representations, instead of a promise for each.
// @apollo/subgraph's resolver returns one promise per representation (its own async step that
// names the result's type, over the reference's promise), so graphql-js waits on each item of the
// list, and each item's fields, on its own: on a page of stories, corps gets 150 representations
// and districts about 110. Here each representation is resolved as @apollo/subgraph resolves it
// (the type's __resolveReference; the representation itself without one; an unknown type fails
// the whole field), the list waits once for the references' promises (their loaders batch as
// before), and each result is named as @apollo/subgraph names it. A reference that fails is that
// item's error, at its index, as before. Interface entities are left to @apollo/subgraph.
import { maybeCacheControlFromInfo } from "@apollo/cache-control-types";
import { entitiesResolver } from "@apollo/subgraph/dist/types";
import { isInterfaceType, isObjectType, type GraphQLResolveInfo } from "graphql";
import { inspect } from "graphql/jsutils/inspect";

type Reference = { __typename: string } & Record<string, unknown>;
type ResolveReference = (
  reference: Reference,
  context: unknown,
  info: GraphQLResolveInfo,
) => unknown;

const isPromise = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/** The result under its type's name, as @apollo/subgraph's maybeAddTypeNameToPossibleReturn. */
function named(value: unknown, typename: string): unknown {
  if (value === null || typeof value !== "object") return value;
  if ("__typename" in value && (value as Reference).__typename !== typename)
    return { ...value, __typename: typename };
  Object.defineProperty(value, "__typename", { value: typename });
  return value;
}

/** A rejection as the item's error: graphql-js reports an item that is an Error at its path. */
const asError = (reason: unknown) =>
  reason instanceof Error ? reason : new Error(`Unexpected error value: ${inspect(reason)}`);

export function entitiesAtOnce(
  _source: unknown,
  { representations }: { representations: Reference[] },
  context: unknown,
  info: GraphQLResolveInfo,
): unknown {
  const types = representations.map((reference) => info.schema.getType(reference.__typename));
  if (types.some((type) => type && isInterfaceType(type)))
    return entitiesResolver({ representations, context, info });
  const cacheControl = maybeCacheControlFromInfo(info);
  const values = representations.map((reference, i) => {
    const type = types[i];
    if (!type || !isObjectType(type))
      throw new Error(
        `The _entities resolver tried to load an entity for type "${reference.__typename}", but no object or interface type of that name was found in the schema`,
      );
    const hint = cacheControl?.cacheHintFromType(type);
    if (hint) cacheControl?.cacheHint.restrict(hint);
    const resolve = (type.extensions as { apollo?: { subgraph?: { resolveReference?: unknown } } })
      .apollo?.subgraph?.resolveReference as ResolveReference | undefined;
    return resolve ? resolve(reference, context, info) : reference;
  });
  if (!values.some(isPromise))
    return values.map((value, i) => named(value, representations[i].__typename));
  return Promise.allSettled(values).then((settled) =>
    settled.map((result, i) =>
      result.status === "fulfilled"
        ? named(result.value, representations[i].__typename)
        : asError(result.reason),
    ),
  );
}
