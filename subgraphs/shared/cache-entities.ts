// What a subgraph tells the gateway's response cache about entities (gateway/plugins/response-
// cache.ts), after Hive Gateway's response cache: an answer is invalidated by the type and id of
// the entities it contains.
// Reads: for an anonymous caller, the entity fields listed here, answered through `_entities`, are
// PUBLIC for the cache TTL: public (the same for every anonymous caller; never personal data) and
// changed only by writes that report it. Any other field of a listed type makes the answer
// uncacheable, so a field added later is never cached by mistake. The answer names in its
// extensions (`cacheEntities`) every entity asked for and every one whose fields it answered
// ("Station:12", "District:440305").
// Writes: a mutation whose root fields are all listed as reporting names in `cacheWrites` what it
// changed (Audit.changed, filled by the services: noteChanged), derived fields included (a demand
// changes its station's openDemandCount). Any other mutation reports nothing: the gateway then
// invalidates broadly.
import type { ApolloServerPlugin } from "@apollo/server";
import { getNamedType, isCompositeType, Kind, OperationTypeNode } from "graphql";
import type { Audit } from "./audit";
import { setCacheHint, watchFields, type FieldWatch } from "./cache-policy";
import type { SubgraphContext } from "./context";

export interface CacheEntities {
  /** Per entity type: its key field and the fields an anonymous answer may cache. */
  public: Record<string, { key: "id" | "code"; fields: readonly string[] }>;
  /** Mutations that report everything they change in Audit.changed. */
  reporting: readonly string[];
}

/** "Station:12": an entity as both sides name it (a numeric id without leading zeros). */
export const entityName = (type: string, key: unknown) => {
  const text = String(key);
  return `${type}:${/^\d{1,15}$/.test(text) ? String(Number(text)) : text}`;
};

/** Records entities a write changed (or whose listed fields it changed by derivation). */
export function noteChanged(audit: Audit, type: string, keys: Iterable<unknown>) {
  if (!audit.changed) return;
  for (const key of keys)
    if (key !== null && key !== undefined) audit.changed.add(entityName(type, key));
}

type Listed = Map<string, { key: "id" | "code"; fields: Set<string> }>;

/**
 * What one anonymous read does before each watched field resolves: names the entities it reads
 * into `read` (each once), hints `_entities` and the listed entity-valued fields PUBLIC, and makes
 * the answer uncacheable at the first field of a listed type that is not listed.
 */
function entityWatch(
  fields: Listed,
  hint: { maxAge: number; scope: "PUBLIC" },
  read: Set<string>,
  uncacheable: () => void,
): FieldWatch {
  const named = new WeakSet<object>();
  return (source, args, info) => {
    const type = info.parentType.name;
    if (type === "Query" && info.fieldName === "_entities") {
      const refs = (args as { representations: Array<Record<string, unknown>> }).representations;
      for (const ref of refs) {
        const listed = fields.get(String(ref.__typename));
        if (!listed) return uncacheable();
        read.add(entityName(String(ref.__typename), ref[listed.key]));
      }
      setCacheHint(info, hint);
      return;
    }
    const listed = fields.get(type);
    if (!listed) return;
    if (!listed.fields.has(info.fieldName)) return uncacheable();
    // Each entity named once, not once per field read of it.
    if (!named.has(source as object)) {
      named.add(source as object);
      read.add(entityName(type, (source as Record<string, unknown>)[listed.key]));
    }
    if (isCompositeType(getNamedType(info.returnType))) setCacheHint(info, hint);
  };
}

export function cacheEntitiesPlugin(
  spec: CacheEntities,
  ttlSeconds: number,
): ApolloServerPlugin<SubgraphContext<unknown>> {
  const fields: Listed = new Map(
    Object.entries(spec.public).map(([type, t]) => [
      type,
      { key: t.key, fields: new Set(t.fields) },
    ]),
  );
  const reporting = new Set(spec.reporting);
  const hint = { maxAge: ttlSeconds, scope: "PUBLIC" as const };
  return {
    async requestDidStart() {
      const read = new Set<string>();
      return {
        async executionDidStart(rc) {
          if (rc.contextValue.caller || ttlSeconds <= 0) return;
          if (rc.operation?.operation !== OperationTypeNode.QUERY) return;
          // Before each field of a listed type (and each root field) resolves: cache-policy.ts
          // calls it from the resolvers it wraps, without Apollo's hook on every field.
          watchFields(
            rc.contextValue,
            entityWatch(fields, hint, read, () => rc.overallCachePolicy.restrict({ maxAge: 0 })),
          );
        },
        async willSendResponse(rc) {
          const body = rc.response.body;
          if (body.kind !== "single") return;
          const operation = rc.operation;
          if (operation?.operation === OperationTypeNode.MUTATION) {
            const changed = rc.contextValue.audit?.changed;
            const reports =
              changed &&
              operation.selectionSet.selections.every(
                (s) => s.kind === Kind.FIELD && reporting.has(s.name.value),
              );
            if (reports)
              body.singleResult.extensions = {
                ...body.singleResult.extensions,
                cacheWrites: [...changed],
              };
            return;
          }
          if (read.size)
            body.singleResult.extensions = {
              ...body.singleResult.extensions,
              cacheEntities: [...read],
            };
        },
      };
    },
  };
}
