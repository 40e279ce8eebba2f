// What one client request's subgraph answers said about entities, for the response cache
// (plugins/response-cache.ts): the entities an answer contains ("Station:12", "District:440305"),
// as the subgraphs that answered them name them in their extensions (`cacheEntities`), and for a
// mutation the entities it changed (`cacheWrites`), counted against the subgraph calls it made so
// that a mutation is narrowed only when every call reported (subgraphs/shared/cache-entities.ts).
import type { GatewayContext } from "./context";

export interface EntityLog {
  /** Entities the answer contains, as its subgraphs reported them. */
  read: Set<string>;
  /** Entities the mutation changed, derived ones included. */
  written: Set<string>;
  /** Subgraph requests sent, answers received, and how many of those reported their writes. */
  sent: number;
  answers: number;
  reported: number;
  /**
   * A mutation call was answered with data (some root field not null): the request wrote, whatever
   * the client's answer says (a later root field's failure can null all of its data).
   */
  wroteData: boolean;
  /** The entities the cached answer was looked up with (entity-versions.ts), once it was. */
  expected: ReadonlySet<string> | null;
  /** The WRITES version at the lookup, and the entities' key part of a first answer. */
  writesToken?: string;
  writeKey?: string;
}

export const entityLogOf = (context: GatewayContext): EntityLog =>
  (context.entities ??= {
    read: new Set(),
    written: new Set(),
    sent: 0,
    answers: 0,
    reported: 0,
    wroteData: false,
    expected: null,
  });

const names = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;

/** Notes what one subgraph answer reported in its extensions, and whether a mutation's wrote. */
export function noteSubgraphAnswer(
  context: GatewayContext,
  extensions: unknown,
  mutationData?: Record<string, unknown> | null,
) {
  const log = entityLogOf(context);
  log.answers += 1;
  if (mutationData && Object.values(mutationData).some((value) => value !== null))
    log.wroteData = true;
  const reported = (extensions ?? {}) as { cacheEntities?: unknown; cacheWrites?: unknown };
  for (const name of names(reported.cacheEntities) ?? []) log.read.add(name);
  const written = names(reported.cacheWrites);
  if (!written) return;
  log.reported += 1;
  for (const name of written) log.written.add(name);
}

/**
 * The entities a mutation changed, when every subgraph request it sent was answered with a report
 * (one that got no answer may have written anything); else null.
 */
export const reportedWrites = (context: GatewayContext): string[] | null => {
  const log = context.entities;
  return log && log.sent > 0 && log.reported === log.sent ? [...log.written] : null;
};

/**
 * Whether a subgraph call of this request answered with data or reported writes (a subgraph that
 * ran two root fields, the second refused, answers data null and reports the first's writes).
 */
export const callsWrote = (context: Pick<GatewayContext, "entities">): boolean =>
  Boolean(context.entities && (context.entities.wroteData || context.entities.written.size > 0));

/** Whether a call of the request went out and got no answer: it may still be written. */
export const outcomeUnknown = (
  errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined,
): boolean => Boolean(errors?.some((e) => e.extensions?.code === "OUTCOME_UNKNOWN"));

/**
 * Whether a mutation may have written: one of its subgraph calls answered with data or reported
 * writes, one went out and got no answer (OUTCOME_UNKNOWN), or its answer holds data. Only a
 * mutation with none of these was refused and changed nothing (no token, invalid, over a limit, a
 * subgraph that refused it or was not reached). The calls count first: a later root field's
 * failure can null the answer's data after an earlier one wrote.
 */
export function mutationMayHaveWritten(
  context: Pick<GatewayContext, "entities">,
  result:
    | {
        data?: Record<string, unknown> | null;
        errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
      }
    | undefined,
): boolean {
  if (callsWrote(context)) return true;
  if (result?.data && Object.values(result.data).some((value) => value !== null)) return true;
  return outcomeUnknown(result?.errors);
}
