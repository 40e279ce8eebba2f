// JWT (HS256) signing and verification shared by the gateway, every subgraph and npm run token:
// the gateway rejects a bad token before planning, and each subgraph verifies the forwarded token
// again rather than trusting a header.
import { webcrypto } from "node:crypto";
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import type { AuthConfig } from "./config";
import { unauthenticated } from "./errors";

export const ROLES = [
  "CITY_ADMIN",
  "DISTRICT_OPERATOR",
  "PLATFORM_OPERATOR",
  "PUBLICITY_EDITOR",
  "DASHBOARD_VIEWER",
] as const;
/** Subgraphs calling each other through the gateway; never minted by npm run token. */
export const SERVICE_ROLE = "SERVICE" as const;
export type Role = (typeof ROLES)[number] | typeof SERVICE_ROLE;

export interface Caller {
  sub: string;
  role: Role;
  /** The district code a DISTRICT_OPERATOR is bound to. */
  district?: string;
  /** The platform id a PLATFORM_OPERATOR is bound to. */
  platform?: string;
}

const AUDIENCE = "sme-volunteer-hub";
/**
 * An HS256 key, imported once per secret: given raw bytes, jose imports them again on every sign
 * and verify (about 35 µs of the 90 each costs here), and every request verifies at least once in
 * the gateway and in each subgraph it reaches.
 */
export function hs256Key<T extends object>(
  cache: WeakMap<T, Promise<webcrypto.CryptoKey>>,
  owner: T,
  bytes: () => Uint8Array,
): Promise<webcrypto.CryptoKey> {
  let key = cache.get(owner);
  if (!key) {
    key = webcrypto.subtle.importKey("raw", bytes(), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    cache.set(owner, key);
  }
  return key;
}
const tokenKeys = new WeakMap<AuthConfig, Promise<webcrypto.CryptoKey>>();
const key = (config: AuthConfig) =>
  hs256Key(tokenKeys, config, () => new TextEncoder().encode(config.jwtSecret));
/** Length as MySQL counts it: code points, not UTF-16 units. */
const codePoints = (text: string) => [...text].length;

export async function signToken(caller: Caller, config: AuthConfig, ttlSeconds?: number) {
  const claims: Record<string, string> = { role: caller.role };
  if (caller.district) claims.district = caller.district;
  if (caller.platform) claims.platform = caller.platform;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(caller.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds ?? config.tokenTtlSeconds}s`)
    .sign(await key(config));
}

/** Checks signature, issuer, audience, expiry and the claims each role needs. */
export async function verifyToken(token: string, config: AuthConfig): Promise<Caller> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await key(config), {
      algorithms: ["HS256"],
      issuer: config.jwtIssuer,
      audience: AUDIENCE,
      // A token that never expires is refused, whoever signed it.
      requiredClaims: ["exp", "sub"],
    }));
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWTExpired ? "the token has expired" : "the token is not valid";
    throw unauthenticated(`${reason}; ask for a new one (npm run token)`);
  }
  const role = payload.role as Role;
  if (!(ROLES as readonly string[]).includes(role) && role !== SERVICE_ROLE)
    throw unauthenticated(`the token's role "${String(role)}" is unknown`);
  const sub = String(payload.sub ?? "");
  // The subject is recorded as the actor of audit events: it must name someone, briefly.
  if (!sub || codePoints(sub) > 100)
    throw unauthenticated("the token's subject must be 1-100 characters");
  const caller: Caller = { sub, role };
  if (role === "DISTRICT_OPERATOR") {
    if (typeof payload.district !== "string")
      throw unauthenticated("a DISTRICT_OPERATOR token needs a district");
    caller.district = payload.district;
  }
  if (role === "PLATFORM_OPERATOR") {
    if (typeof payload.platform !== "string")
      throw unauthenticated("a PLATFORM_OPERATOR token needs a platform");
    caller.platform = payload.platform;
  }
  return caller;
}

/** The caller behind an Authorization header; null when there is none (anonymous). */
export async function callerFromHeader(header: string | undefined, config: AuthConfig) {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated("the Authorization header must be 'Bearer <token>'");
  return verifyToken(match[1], config);
}
