// What gateway replicas share: the response cache's entries and the cache versions that
// invalidate them. In memory by default (one gateway); in Redis with REDIS_URL, so that every
// replica serves and invalidates the same entries. A store that fails is a cache miss, never an
// error for the client: the request is answered from the subgraphs. While Redis is away a circuit
// breaker (opossum) skips it at once instead of waiting for a connection at every request.
// Everything read back from Redis is signed by the hub (signed-cache.ts): Redis is not trusted to
// say what the gateway answers. It must still be reachable by the hub alone (a password, TLS, a
// private network): whoever can write to it can delete entries and reset the rate budgets.
import { randomUUID } from "node:crypto";
import CircuitBreaker from "opossum";
import { createKeyv } from "@keyv/redis";
import { KeyvAdapter } from "@apollo/utils.keyvadapter";
import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { RedisConfig } from "../runtime/config";
import { RepeatFilter, type Logger } from "../runtime/log";
import { keyvConnection } from "./redis-connection";
import { cacheSigningKey, signedCache } from "./signed-cache";

export interface SharedStore {
  kind: "memory" | "redis";
  /** Response cache entries, with a time to live. */
  cache: KeyValueCache<string>;
  /** The current token of each version key; a fresh random one when the store cannot tell. */
  versions(keys: string[]): Promise<string[]>;
  /**
   * Gives the keys new tokens: entries cached under the old ones are never served again. With
   * `forgetAfterSeconds` a token may be forgotten after that long (back to "0"): for the many
   * per-entity keys, whose entries all expire well before (response-cache.ts says how long).
   */
  bump(keys: string[], forgetAfterSeconds?: number): Promise<void>;
  close(): Promise<void>;
}

/** Runs store operations through one breaker: open after a failure, retried after 5 s. */
function storeBreaker(log: Logger) {
  const breaker = new CircuitBreaker((run: () => Promise<unknown>) => run(), {
    timeout: 500,
    resetTimeout: 5000,
    errorThresholdPercentage: 1,
    volumeThreshold: 1,
  });
  breaker.on("open", () => log.warn("shared store unavailable; skipping it for 5 s"));
  breaker.on("close", () => log.info("shared store available again"));
  return <T>(run: () => Promise<T>) => breaker.fire(run) as Promise<T>;
}

/** Never throws: a failed read is a miss, a failed write is logged. */
function safe(
  cache: KeyValueCache<string>,
  guard: ReturnType<typeof storeBreaker>,
  log: Logger,
): KeyValueCache<string> {
  return {
    async get(key) {
      try {
        return await guard(() => cache.get(key));
      } catch (error) {
        log.debug({ reason: (error as Error).message }, "shared store read failed");
        return undefined;
      }
    },
    async set(key, value, options) {
      try {
        await guard(() => cache.set(key, value, options));
      } catch (error) {
        log.debug({ reason: (error as Error).message }, "shared store write failed");
      }
    },
    async delete(key) {
      try {
        return await guard(() => cache.delete(key));
      } catch {
        return false;
      }
    },
  };
}

/**
 * `secret`: the hub's JWT_SECRET, from which the key that signs entries in Redis is derived
 * (signed-cache.ts): an entry someone else wrote there is a miss.
 */
export function createSharedStore(config: RedisConfig, log: Logger, secret: string): SharedStore {
  if (!config.url) {
    // Token and until when it must be kept (Infinity: always). Never evicted for space: a
    // version forgotten too early would make an entry cached before its bump valid again.
    const versions = new Map<string, { token: string; until: number }>();
    let sweepAt = 0;
    const sweep = (now: number) => {
      for (const [k, v] of versions) if (v.until < now) versions.delete(k);
      sweepAt = now + 60_000;
    };
    return {
      kind: "memory",
      cache: new InMemoryLRUCache<string>({ maxSize: 64 * 1024 * 1024 }),
      async versions(keys) {
        const now = Date.now();
        return keys.map((k) => {
          const v = versions.get(k);
          return v && v.until >= now ? v.token : "0";
        });
      },
      async bump(keys, forgetAfterSeconds) {
        const now = Date.now();
        if (now >= sweepAt) sweep(now);
        const until = forgetAfterSeconds ? now + forgetAfterSeconds * 1000 : Infinity;
        for (const k of keys) versions.set(k, { token: randomUUID(), until });
      },
      async close() {},
    };
  }
  const keyv = createKeyv(keyvConnection({ ...config, url: config.url }), {
    namespace: config.keyPrefix,
    throwOnConnectError: true,
    throwOnErrors: true,
    connectionTimeout: 1000,
  });
  keyv.on("error", () => undefined); // every failure is also thrown and handled by safe()
  // A line a minute at most: someone who writes to Redis could otherwise flood the logs.
  const repeats = new RepeatFilter(log, 1);
  const signed = signedCache(
    new KeyvAdapter<string>(keyv as never),
    cacheSigningKey(secret),
    (key) =>
      repeats.warn(
        "unsigned cache entry",
        { key },
        "an entry in Redis is not signed by this hub (written by someone else, or by a hub with " +
          "another JWT_SECRET): ignored, answered from the subgraphs. Only the hub may reach Redis",
      ),
  );
  const guard = storeBreaker(log);
  const store = safe(signed, guard, log);
  return {
    kind: "redis",
    cache: store,
    async versions(keys) {
      try {
        const tokens = await guard(() => Promise.all(keys.map((k) => signed.get(`version:${k}`))));
        return tokens.map((v) => v ?? "0");
      } catch (error) {
        // The store cannot tell: a token no entry was cached under, so nothing stale is served.
        log.debug({ reason: (error as Error).message }, "cache versions unreadable");
        return keys.map(() => randomUUID());
      }
    },
    async bump(keys, forgetAfterSeconds) {
      const options = forgetAfterSeconds ? { ttl: forgetAfterSeconds } : undefined;
      await Promise.all(keys.map((k) => store.set(`version:${k}`, randomUUID(), options)));
    },
    async close() {
      await keyv.disconnect().catch(() => undefined);
    },
  };
}
