// A subgraph's Cache-Control header, as Apollo Server's cache-control plugin computes it, without
// its per-field instrumentation. Apollo's plugin has a willResolveField hook, so Apollo wraps the
// resolver of every field of the schema and, on every field a request resolves (scalars included),
// calls the hook, builds a policy object and a cacheControl object for `info`, and waits for the
// result: 3-9 % of a subgraph's CPU on a page of stories. The policy it sends depends only on
// the fields that can restrict it: a field whose type is an object (or a root field) without a
// hint makes the answer uncacheable (maxAge 0), a field with a hint restricts the answer to it.
// A field served by the default resolver with a scalar type can do neither (our schemas carry no
// @cacheControl directives). So only the other fields are wrapped, once, when the schema is built
// (instrumentCacheHints), and they restrict the request's policy exactly as Apollo's plugin did;
// cachePolicyPlugin puts the policy where the wrappers find it and writes the header as Apollo's
// plugin wrote it (tests/foundation/cache-policy.test.ts compares the two).
import type { CacheHint, CachePolicy } from "@apollo/cache-control-types";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  defaultFieldResolver,
  getNamedType,
  isCompositeType,
  isObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";

const HINT = Symbol("cacheHint");
const POLICY = Symbol("cachePolicy");

type Hinted = GraphQLResolveInfo & { [HINT]?: CacheHint };
type WithPolicy = { [POLICY]?: CachePolicy };

/**
 * Sets the hint of the field being resolved (Apollo's `setCacheHint`: what is given replaces).
 * Under Apollo's own plugin (a schema served without cachePolicyPlugin) it goes to that plugin.
 */
export function setCacheHint(info: GraphQLResolveInfo, hint: CacheHint) {
  const apollo = (info as { cacheControl?: { setCacheHint(hint: CacheHint): void } }).cacheControl;
  if (apollo) return apollo.setCacheHint(hint);
  const field = info as Hinted;
  const current = field[HINT];
  field[HINT] = current
    ? { maxAge: hint.maxAge ?? current.maxAge, scope: hint.scope ?? current.scope }
    : { maxAge: hint.maxAge, scope: hint.scope };
}

const UNCACHEABLE: CacheHint = { maxAge: 0 };

/** What a resolved field restricts the request's policy to (Apollo's didResolveField). */
const fieldHint = (info: GraphQLResolveInfo, composite: boolean): CacheHint | null => {
  const hint = (info as Hinted)[HINT];
  if (hint?.maxAge !== undefined) return hint;
  // Composite and root fields without a maxAge take the default, 0; the scope given stays.
  if (composite) return hint ? { maxAge: 0, scope: hint.scope } : UNCACHEABLE;
  return hint ?? null;
};

/** Restricts the request's policy by what a resolved field says. */
function restrict(policy: CachePolicy, info: GraphQLResolveInfo, composite: boolean) {
  const hint = fieldHint(info, composite);
  if (hint) policy.restrict(hint);
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/** Calls `done` when the result is settled, as Apollo's whenResultIsFinished does. */
function whenFinished(result: unknown, done: () => void) {
  if (isPromise(result))
    result.then(
      (value) => whenFinished(value, done),
      () => done(),
    );
  else if (Array.isArray(result) && result.some(isPromise)) Promise.all(result).then(done, done);
  else done();
}

/**
 * Called before a wrapped field resolves, while a plugin watches the request (cacheEntitiesPlugin:
 * which entities an anonymous answer contains), as Apollo's willResolveField hook would be.
 */
export type FieldWatch = (
  source: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
) => void;

const WATCH = Symbol("fieldWatch");

type Context = (WithPolicy & { [WATCH]?: FieldWatch }) | undefined;

/** Has `watch` called before every wrapped field of this request resolves. */
export function watchFields(contextValue: object, watch: FieldWatch) {
  Object.defineProperty(contextValue, WATCH, { value: watch, writable: true, configurable: true });
}

/**
 * Wraps the resolvers of the fields that can restrict the cache policy: root fields, fields of
 * composite type and fields with a resolver of their own, and every field of the `watched` types
 * (their reads are watched: watchFields). Scalar fields read by the default resolver stay as they
 * are. Once per schema (the subgraph's start).
 */
export function instrumentCacheHints(
  schema: GraphQLSchema,
  watched: Iterable<string> = [],
): GraphQLSchema {
  const watchedTypes = new Set(watched);
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const root = roots.has(type);
    for (const field of Object.values(type.getFields())) {
      const composite = root || isCompositeType(getNamedType(field.type));
      if (!composite && !field.resolve && !watchedTypes.has(type.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const wrapped = (
        source: unknown,
        args: Record<string, unknown>,
        context: Context,
        info: GraphQLResolveInfo,
      ) => {
        context?.[WATCH]?.(source, args, info);
        const policy = context?.[POLICY];
        if (!policy) return resolve(source, args, context, info);
        let result: unknown;
        try {
          result = resolve(source, args, context, info);
        } catch (error) {
          restrict(policy, info, composite);
          throw error;
        }
        // A closure only for results still to settle (most fields' results are there already).
        if (isPromise(result) || (Array.isArray(result) && result.some(isPromise)))
          whenFinished(result, () => restrict(policy, info, composite));
        else restrict(policy, info, composite);
        return result;
      };
      field.resolve = wrapped;
    }
  }
  return schema;
}

const isRestricted = (hint: CacheHint) => hint.maxAge !== undefined || hint.scope !== undefined;

const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * Gives the wrapped fields the request's policy and writes Cache-Control from it when the answer
 * goes out: Apollo's cache-control plugin's header (defaultMaxAge 0, calculateHttpHeaders on),
 * which must be turned off beside it (ApolloServerPluginCacheControlDisabled).
 */
export function cachePolicyPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue, overallCachePolicy }) {
          // Apollo's plugin ignores every field's hint once something restricted the policy
          // before execution; so do we.
          if (isRestricted(overallCachePolicy)) return;
          Object.defineProperty(contextValue, POLICY, {
            value: overallCachePolicy,
            writable: true,
            configurable: true,
          });
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const existing = response.http.headers.get("cache-control");
          const match = existing ? CACHEABLE_HEADER.exec(existing) : null;
          if (existing && existing !== "no-store" && !match) return;
          // The request's policy, restricted by a header already set; cacheable with a maxAge > 0.
          let { maxAge, scope } = overallCachePolicy;
          if (match) {
            const given = Number(match[1]);
            if (maxAge === undefined || given < maxAge) maxAge = given;
            if (scope !== "PRIVATE") scope = match[2] === "public" ? "PUBLIC" : "PRIVATE";
          }
          const cacheable = maxAge ? { maxAge, scope: scope ?? "PUBLIC" } : null;
          if (
            cacheable &&
            existing !== "no-store" &&
            response.body.kind === "single" &&
            !response.body.singleResult.errors
          )
            response.http.headers.set(
              "cache-control",
              `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}`,
            );
          else response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}
