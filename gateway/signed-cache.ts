// Cached answers in Redis carry a signature: an HMAC-SHA256, with a key derived from the hub's
// secret (JWT_SECRET), over the entry's key, its expiry and its value. Whoever can write to Redis
// but does not hold the secret cannot make the gateway serve an answer of their own (a plain
// JSON answer, as entries were before, has no signature), move a signed answer to another key (a
// signed-in scope's answer to the anonymous one) or extend its life: such an entry is a miss,
// answered from the subgraphs and cached again. What a signature cannot stop: deleting entries,
// or putting back an entry the hub itself wrote earlier while it has not expired.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";

/** The signing key: HKDF-SHA256 of the hub's secret, for this use only. */
export function cacheSigningKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "sme-volunteer-hub", "response cache v1", 32));
}

const mac = (signingKey: Buffer, key: string, expires: string, value: string) =>
  createHmac("sha256", signingKey)
    .update(`${key.length}:${key}:${expires}:`)
    .update(value)
    .digest("base64url");

/** `hub1.<expires ms, 0: never>.<mac>.<value>` */
export function signEntry(signingKey: Buffer, key: string, value: string, ttlSeconds?: number) {
  const expires = ttlSeconds ? String(Date.now() + ttlSeconds * 1000) : "0";
  return `hub1.${expires}.${mac(signingKey, key, expires, value)}.${value}`;
}

export type Opened = { value: string } | { problem: "unsigned or tampered" | "expired" };

/** The value of a stored entry, unless it is unsigned, tampered with or expired. */
export function openEntry(
  signingKey: Buffer,
  key: string,
  stored: string,
  now = Date.now(),
): Opened {
  const match = /^hub1\.(\d{1,15})\.([A-Za-z0-9_-]{43})\./.exec(stored);
  if (!match) return { problem: "unsigned or tampered" };
  const [head, expires, given] = match;
  const value = stored.slice(head.length);
  const expected = Buffer.from(mac(signingKey, key, expires, value));
  if (!timingSafeEqual(Buffer.from(given), expected)) return { problem: "unsigned or tampered" };
  if (expires !== "0" && Number(expires) <= now) return { problem: "expired" };
  return { value };
}

/**
 * `cache` with every value signed on the way in and checked on the way out: an entry that is not
 * the hub's is a miss, reported through `onBad` (the caller logs it, a line a minute).
 */
export function signedCache(
  cache: KeyValueCache<string>,
  signingKey: Buffer,
  onBad: (key: string) => void,
): KeyValueCache<string> {
  return {
    async get(key) {
      const stored = await cache.get(key);
      if (stored === undefined) return undefined;
      const opened = openEntry(signingKey, key, stored);
      if ("value" in opened) return opened.value;
      if (opened.problem !== "expired") onBad(key);
      return undefined;
    },
    set(key, value, options?: KeyValueCacheSetOptions) {
      return cache.set(key, signEntry(signingKey, key, value, options?.ttl ?? undefined), options);
    },
    delete: (key) => cache.delete(key),
  };
}
