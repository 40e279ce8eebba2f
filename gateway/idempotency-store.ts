// Where the gateway keeps idempotency keys (plugins/idempotency.ts): in memory for one gateway, in
// Redis with REDIS_URL so that every replica sees the same keys. A key is claimed atomically (the
// first request sets it, a concurrent second one finds it), then holds the first answer until it
// expires. Unlike the response cache, a store that cannot be reached is an error: going on without
// it could write twice what the client asked to write once.
import Redis from "ioredis";
import { ioredisTls } from "./redis-connection";
import { cacheSigningKey, openEntry, signEntry } from "./signed-cache";
import type { RedisConfig } from "../runtime/config";
import type { Logger } from "../runtime/log";

export interface ClaimStore {
  kind: "memory" | "redis";
  /**
   * Sets the key to the value for ttlMs unless it is set; null when this call set it, else the
   * value found. Throws when the store cannot be reached.
   */
  claim(key: string, value: string, ttlMs: number): Promise<string | null>;
  /** Replaces the key's value, for ttlMs from now. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** Forgets the key: the next request with it runs anew. */
  release(key: string): Promise<void>;
  start(): Promise<void>;
  close(): void;
}

/** Memory held by the in-memory store at most; the oldest keys go first beyond it. */
const MEMORY_BYTES = 64 * 1024 * 1024;

function memoryStore(): ClaimStore {
  const entries = new Map<string, { value: string; expires: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.value.length;
    entries.delete(key);
  };
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expires <= Date.now()) drop(key);
    return entries.get(key);
  };
  const set = (key: string, value: string, ttlMs: number) => {
    drop(key);
    entries.set(key, { value, expires: Date.now() + ttlMs });
    bytes += value.length;
    // Map order is insertion order: the first keys are the oldest.
    for (const oldest of entries.keys()) {
      if (bytes <= MEMORY_BYTES) break;
      drop(oldest);
    }
  };
  return {
    kind: "memory",
    // Synchronous between the look and the write: no other request can claim in between.
    async claim(key, value, ttlMs) {
      const found = live(key);
      if (found) return found.value;
      set(key, value, ttlMs);
      return null;
    },
    async put(key, value, ttlMs) {
      set(key, value, ttlMs);
    },
    async release(key) {
      drop(key);
    },
    async start() {},
    close() {},
  };
}

function redisStore(
  config: RedisConfig & { url: string },
  log: Logger,
  secret: string,
): ClaimStore {
  const redis = new Redis(config.url, {
    // Connected at start; afterwards a command fails at once while Redis is away.
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    // The password comes with the URL; TLS for rediss:// (redis-connection.ts).
    ...ioredisTls(config),
  });
  // Stored answers are replayed to their caller: signed like cached answers (signed-cache.ts), so
  // that an entry someone else wrote into Redis is never replayed; it counts as no entry.
  const signingKey = cacheSigningKey(secret);
  const sign = (key: string, value: string) => signEntry(signingKey, key, value);
  const open = (key: string, stored: string) => {
    const opened = openEntry(signingKey, key, stored);
    if ("value" in opened) return opened.value;
    log.warn({ key }, "idempotency entry in Redis is not the hub's; ignored");
    return null;
  };
  redis.on("error", (error) => log.debug({ reason: error.message }, "idempotency store failed"));
  const prefixed = (key: string) => `${config.keyPrefix}:idempotency:${key}`;
  return {
    kind: "redis",
    async claim(key, value, ttlMs) {
      for (let tries = 0; tries < 3; tries++) {
        const at = prefixed(key);
        if ((await redis.set(at, sign(at, value), "PX", ttlMs, "NX")) === "OK") return null;
        const found = await redis.get(at);
        const stored = found === null ? null : open(at, found);
        if (stored !== null) return stored;
        if (found !== null) await redis.del(at);
        // It expired between the two commands: claim again.
      }
      throw new Error("idempotency key flickers between set and expired");
    },
    async put(key, value, ttlMs) {
      await redis.set(prefixed(key), sign(prefixed(key), value), "PX", ttlMs);
    },
    async release(key) {
      await redis.del(prefixed(key));
    },
    async start() {
      await redis
        .connect()
        .catch((error: Error) =>
          log.warn({ reason: error.message }, "idempotency store unreachable at start"),
        );
    },
    close() {
      redis.disconnect();
    },
  };
}

export function createClaimStore(config: RedisConfig, log: Logger, secret: string): ClaimStore {
  return config.url ? redisStore({ ...config, url: config.url }, log, secret) : memoryStore();
}
