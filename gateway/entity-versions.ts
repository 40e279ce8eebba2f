// The response cache's versions per entity (plugins/response-cache.ts), after Hive Gateway's
// invalidation by entity type and id. An anonymous answer names the entities it contains (the
// subgraphs report them: cache-entities.ts); it is cached under a key made of those entities'
// versions, and a district's write that reports what it changed gives those entities new
// versions: the answers that contain one are never served again, the others stay.
//
// The entities of an answer are known only once it is answered, and a version read after the
// answer could already be a write's that the answer missed. So the versions that go into an
// entry's key are read before the query runs, for the entities its previous answer contained (a
// list kept per query and scope), and the entry is written only when the answer contains no other
// entity. A first answer (or one with new entities) is still written when no write was reported
// while it ran: every invalidation first bumps one version, WRITES, that the lookup read; the
// answer's entity versions, read after it, are then those it was answered under.
import { createHash } from "node:crypto";
import type { GraphQLRequestContext } from "@apollo/server";
import { entityLogOf } from "./cache-entities";
import type { GatewayContext } from "./context";
import type { SharedStore } from "./shared-store";

type Ctx = GraphQLRequestContext<GatewayContext>;

const entityKey = (entity: string) => `entity:${entity}`;
/** Every answer with entities depends on it: bumped by a district write that did not report. */
const ANY_ENTITY = "entities";
/** Bumped first by every invalidation: an answer that ran across one is not keyed after it. */
const WRITES = "writes";
/**
 * Until when (epoch ms) a write the gateway gave up on (OUTCOME_UNKNOWN) may still commit in its
 * subgraph: no answer with entities is written to the cache before then.
 */
const UNSETTLED = "entities:unsettled-until";

const digest = (entities: readonly string[], tokens: readonly string[]) =>
  entities.length
    ? createHash("sha256")
        .update(JSON.stringify([entities, tokens]))
        .digest("base64url")
    : "";

export class EntityVersions {
  /**
   * An entity's version is kept this long after a write: longer than an entry cached before the
   * write can live (its max age, at most the TTL, from the end of its request; ten minutes for
   * the request itself). Then it reads "0" again, as before the write, harmlessly.
   */
  private readonly keepSeconds: number;

  constructor(
    private readonly store: SharedStore,
    private readonly ttlSeconds: number,
  ) {
    this.keepSeconds = ttlSeconds + 600;
  }

  /** A caller whose answers carry no entities (signed in): an answer with any is not written. */
  async none(ctx: Ctx) {
    entityLogOf(ctx.contextValue).expected = new Set();
    return "";
  }

  /** The key's part for entities: the listed entities' versions now, before the query runs. */
  async keyData(ctx: Ctx, listKey: string) {
    const log = entityLogOf(ctx.contextValue);
    const listed = JSON.parse((await this.store.cache.get(listKey)) ?? "[]") as string[];
    const [writes, ...tokens] = await this.store.versions([
      WRITES,
      ...(listed.length ? [ANY_ENTITY, ...listed.map(entityKey)] : []),
    ]);
    log.expected = new Set(listed);
    log.writesToken = writes;
    return digest(listed, tokens);
  }

  /**
   * Whether the answer may be written (shouldWriteToCache): under the lookup's key when it holds
   * only listed entities; else it lists its entities for the next lookup, and is written under a
   * key of their versions now when no invalidation began since the lookup.
   */
  async mayWrite(ctx: Ctx, listKey: string) {
    // An entry lives at most this gateway's TTL (the subgraphs' hints say theirs), so that no
    // entry outlives the versions it was keyed by.
    if (ctx.overallCachePolicy.policyIfCacheable())
      ctx.overallCachePolicy.restrict({ maxAge: this.ttlSeconds });
    const log = ctx.contextValue.entities;
    if (!log?.expected) return false;
    const read = [...log.read];
    if (read.length && Number((await this.store.cache.get(UNSETTLED)) ?? 0) > Date.now())
      return false;
    if (read.every((e) => log.expected!.has(e))) return true;
    const body = ctx.response.body;
    if (body?.kind !== "single" || body.singleResult.errors) return false;
    if (!ctx.overallCachePolicy.policyIfCacheable() || log.writesToken === undefined) return false;
    const entities = read.sort();
    await this.store.cache.set(listKey, JSON.stringify(entities), { ttl: this.keepSeconds });
    // The entities' versions first, WRITES after: a write that bumped one of them had bumped it.
    const tokens = await this.store.versions([ANY_ENTITY, ...entities.map(entityKey)]);
    const [writes] = await this.store.versions([WRITES]);
    if (writes !== log.writesToken) return false;
    log.writeKey = digest(entities, tokens);
    return true;
  }

  /** The key an entry is written under: with its own entities' versions when mayWrite chose so. */
  finalKey(ctx: Ctx, key: unknown): unknown {
    const own = ctx.contextValue.entities?.writeKey;
    if (own === undefined) return key;
    const data = key as { extra?: Record<string, unknown> };
    return { ...data, extra: { ...data.extra, entities: own } };
  }

  /**
   * After a mutation: WRITES, then the mutation's version keys, and the entities it reported
   * changing; or, when it did not report (`written` null) and names a district, every answer with
   * entities.
   */
  /**
   * After a mutation the gateway gave up on (OUTCOME_UNKNOWN): its subgraph may still commit it
   * for `windowMs` (its credential's lifetime and its database's time limit). Every answer with
   * entities goes now, none is cached until the window has passed, and they all go again then
   * (answers looked up inside it and written after it). The second bump is this process's timer.
   */
  async invalidateUnsettled(keys: string[], windowMs: number) {
    const until = Date.now() + windowMs;
    const current = Number((await this.store.cache.get(UNSETTLED)) ?? 0);
    if (until > current)
      await this.store.cache.set(UNSETTLED, String(until), { ttl: Math.ceil(windowMs / 1000) + 1 });
    await this.invalidate(keys, null);
    setTimeout(() => void this.invalidate(keys, null).catch(() => undefined), windowMs).unref();
  }

  async invalidate(keys: string[], written: string[] | null) {
    await this.store.bump([WRITES]);
    await Promise.all([
      this.store.bump(written ? keys : [...keys, ANY_ENTITY]),
      written?.length ? this.store.bump(written.map(entityKey), this.keepSeconds) : undefined,
    ]);
  }
}
