// Shared state of gateway replicas (Redis) and the dashboard's response cache.
import { flag, integer, value, type Env, type Problems } from "./read";

export interface RedisConfig {
  /** redis://host:port/db shared by every gateway replica, or null for in-memory state. */
  url: string | null;
  /** Prefix of every key the hub writes, so that several hubs can share one Redis. */
  keyPrefix: string;
}

export interface CacheConfig {
  /**
   * How long a dashboard read may be answered from the gateway's response cache (the cache hints
   * subgraphs give aggregate fields); 0 turns the cache off. Publishes and reviews through the
   * gateway invalidate entries at once whatever this says.
   */
  ttlSeconds: number;
  /** Identical queries of one audience running at once are answered by one execution. */
  dedup: boolean;
}

export function redisSection(env: Env, problems: Problems): RedisConfig {
  const url = value(env, "REDIS_URL") ?? null;
  if (url && !/^rediss?:\/\//.test(url)) problems.add("REDIS_URL must be a redis:// URL");
  const keyPrefix = value(env, "REDIS_KEY_PREFIX") ?? "hub";
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(keyPrefix))
    problems.add("REDIS_KEY_PREFIX must be 1-64 letters, digits, _ . : or -");
  return { url, keyPrefix };
}

export function cacheSection(env: Env, problems: Problems): CacheConfig {
  return {
    ttlSeconds: integer(env, problems, "RESPONSE_CACHE_TTL_SECONDS", 30, {
      min: 0,
      max: 3600,
      what: "a number of seconds from 0 (off) to 3600",
    }),
    dedup: flag(env, problems, "GATEWAY_DEDUP", true),
  };
}
