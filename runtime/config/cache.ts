// Shared state of gateway replicas (Redis) and the dashboard's response cache.
import { flag, integer, value, type Env, type Problems } from "./read";

export interface RedisConfig {
  /**
   * redis://[:password@]host:port/db, or rediss://... for TLS, shared by every gateway replica; null
   * for in-memory state. Redis must be reachable by the hub alone: see shared-store.ts.
   */
  url: string | null;
  /** Prefix of every key the hub writes, so that several hubs can share one Redis. */
  keyPrefix: string;
  /**
   * With rediss://: a PEM file of the certificate authority that signed Redis's certificate (a
   * private one); null trusts Node's usual authorities. Read when the gateway starts.
   */
  tlsCaFile: string | null;
}

/** What is wrong with a REDIS_URL, or null; never repeats the URL, which may hold a password. */
function redisUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "REDIS_URL is not a URL; write redis://[:password@]host:port[/db] or rediss://... for TLS";
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    return "REDIS_URL must be a redis:// URL, or rediss:// for TLS";
  if (!url.hostname) return "REDIS_URL has no host";
  if (!/^(\/\d{0,2})?$/.test(url.pathname)) return "REDIS_URL's path must be a database number";
  if (url.search || url.hash) return "REDIS_URL must not have a query or a fragment";
  return null;
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
  const urlProblem = url === null ? null : redisUrlProblem(url);
  if (urlProblem) problems.add(urlProblem);
  const keyPrefix = value(env, "REDIS_KEY_PREFIX") ?? "hub";
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(keyPrefix))
    problems.add("REDIS_KEY_PREFIX must be 1-64 letters, digits, _ . : or -");
  const tlsCaFile = value(env, "REDIS_TLS_CA_FILE") ?? null;
  if (tlsCaFile !== null && !url?.startsWith("rediss://"))
    problems.add(
      "REDIS_TLS_CA_FILE is for a Redis reached over TLS: set REDIS_URL=rediss://... too, or unset it",
    );
  return { url, keyPrefix, tlsCaFile };
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
