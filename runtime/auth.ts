// Who a caller is, shared by the gateway, every subgraph and npm run token: the hub's roles, the
// caller the gateway puts in each subgraph call's credential, how verified claims become that
// caller (the same rules for the hub's own HS256 tokens and an OpenID Connect provider's, see
// gateway/identity.ts), and the hub's own HS256 tokens (development, tests, service calls).
import { webcrypto } from "node:crypto";
import { jwtVerify, SignJWT, errors as joseErrors, type JWTPayload } from "jose";
import type { AuthConfig } from "./config";
import { creditCodeProblem } from "./credit-code";
import { unauthenticated } from "./errors";

/** The staff of the programme's offices: what "signed in" meant before the self-service roles. */
export const STAFF_ROLES = [
  "CITY_ADMIN",
  "DISTRICT_OPERATOR",
  "PLATFORM_OPERATOR",
  "PUBLICITY_EDITOR",
  "DASHBOARD_VIEWER",
] as const;
/**
 * The two groups the programme serves, signed in for themselves: an enterprise bound to its
 * unified social credit code, a volunteer bound to its volunteer id; and an APPLICANT, a person
 * signed in at the provider without a hub role, bound to its subject alone (it may apply to the
 * corps for itself: docs/self-service.md). None reaches anything of anybody else; to every field
 * not meant for them they are the public (subgraphs/shared/auth.ts).
 */
export const SELF_SERVICE_ROLES = ["ENTERPRISE", "VOLUNTEER", "APPLICANT"] as const;
export const ROLES = [...STAFF_ROLES, ...SELF_SERVICE_ROLES] as const;
/** Subgraphs calling each other through the gateway; never minted by npm run token. */
export const SERVICE_ROLE = "SERVICE" as const;
export type Role = (typeof ROLES)[number] | typeof SERVICE_ROLE;
export type SelfServiceRole = (typeof SELF_SERVICE_ROLES)[number];

export interface Caller {
  sub: string;
  role: Role;
  /** The district code a DISTRICT_OPERATOR is bound to. */
  district?: string;
  /** The platform id a PLATFORM_OPERATOR is bound to. */
  platform?: string;
  /** The unified social credit code an ENTERPRISE is bound to (checked, GB 32100). */
  creditCode?: string;
  /** The volunteer id a VOLUNTEER is bound to. */
  volunteerId?: string;
}

/** True for the offices' staff and the hub's own services; false for anonymous and self-service. */
export const isStaff = (caller: Caller | null | undefined): caller is Caller =>
  Boolean(caller) && !(SELF_SERVICE_ROLES as readonly string[]).includes(caller!.role);

export const isSelfService = (caller: Caller | null | undefined): caller is Caller =>
  Boolean(caller) && (SELF_SERVICE_ROLES as readonly string[]).includes(caller!.role);

/**
 * Who sees the same data as this caller: role and what it is bound to. Two enterprises never share
 * a scope (the response cache keys on it).
 */
export function callerScope(caller: Caller): string {
  const bound =
    caller.district ??
    caller.platform ??
    (caller.creditCode ? `credit:${caller.creditCode}` : undefined) ??
    (caller.volunteerId ? `volunteer:${caller.volunteerId}` : undefined) ??
    (caller.role === "APPLICANT" ? `subject:${caller.sub}` : undefined) ??
    "city";
  return `${caller.role}:${bound}`;
}

/** Where a token's claims are: a dot path for the role, plain names for the rest. */
export interface ClaimMapping {
  /** A dot path (`role`, `realm_access.roles`); an array there gives the first role the hub knows. */
  role: string;
  /** Provider role name → hub role; names not in it count as themselves. */
  roleMap: Readonly<Record<string, string>>;
  district: string;
  platform: string;
  creditCode: string;
  volunteerId: string;
}

/** The claim names of the hub's own tokens, and the defaults for a provider's. */
export const HUB_CLAIMS: ClaimMapping = {
  role: "role",
  roleMap: {},
  district: "district",
  platform: "platform",
  creditCode: "credit_code",
  volunteerId: "volunteer_id",
};

const AUDIENCE = "sme-volunteer-hub";
/**
 * An HS256 key, imported once per secret: given raw bytes, jose imports them again on every sign
 * and verify (about 35 µs of the 90 each costs here).
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

/** The claims a caller is written with in the hub's own tokens (HUB_CLAIMS names). */
export function callerClaims(caller: Caller): Record<string, string> {
  const claims: Record<string, string> = { role: caller.role };
  if (caller.district) claims.district = caller.district;
  if (caller.platform) claims.platform = caller.platform;
  if (caller.creditCode) claims.credit_code = caller.creditCode;
  if (caller.volunteerId) claims.volunteer_id = caller.volunteerId;
  return claims;
}

export async function signToken(caller: Caller, config: AuthConfig, ttlSeconds?: number) {
  return new SignJWT(callerClaims(caller))
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(caller.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds ?? config.tokenTtlSeconds}s`)
    .sign(await key(config));
}

/** The value at a dot path of the claims (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A string or number claim as text; anything else (objects, booleans, blanks) is absent. */
function textClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** The hub role a token names: the first name (mapped) the hub knows; SERVICE only if allowed. */
function roleOf(
  payload: JWTPayload,
  mapping: ClaimMapping,
  allowService: boolean,
  withoutRole?: Role,
): Role {
  const raw = claimAt(payload, mapping.role);
  const names = (Array.isArray(raw) ? raw : [raw]).filter(
    (n): n is string => typeof n === "string",
  );
  const known = (name: string) =>
    (ROLES as readonly string[]).includes(name) || (allowService && name === SERVICE_ROLE);
  const mapped = names.map((name) => mapping.roleMap[name] ?? name).filter(known);
  // APPLICANT (a provider's default role mapped to it) yields to any hub role the person has.
  const role = mapped.find((name) => name !== "APPLICANT") ?? mapped[0];
  if (!role && !names.length && withoutRole) return withoutRole;
  if (!role)
    throw unauthenticated(
      names.length
        ? `the token's role ${names.map((n) => `"${n}"`).join(", ")} is not one the hub knows (${ROLES.join(", ")})`
        : `the token names no role (claim ${mapping.role})`,
    );
  return role as Role;
}

/**
 * The caller verified claims describe, with what its role is bound to: a DISTRICT_OPERATOR's
 * district, a PLATFORM_OPERATOR's platform, an ENTERPRISE's unified social credit code (its GB
 * 32100 check character must hold) and a VOLUNTEER's id. A token that lacks what its role needs is
 * refused (UNAUTHENTICATED): it would otherwise reach nothing, or everything.
 */
export function callerFromClaims(
  payload: JWTPayload,
  mapping: ClaimMapping,
  options: {
    allowService?: boolean;
    /** The role of a token that names none at all (the provider's: APPLICANT); else refused. */
    withoutRole?: Role;
  } = {},
): Caller {
  const role = roleOf(payload, mapping, options.allowService ?? false, options.withoutRole);
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  // The subject is recorded as the actor of audit events: it must name someone, briefly.
  if (!sub || codePoints(sub) > 100)
    throw unauthenticated("the token's subject must be 1-100 characters");
  const caller: Caller = { sub, role };
  const bound = (name: string, what: string) => {
    const value = textClaim(payload, name);
    if (!value) throw unauthenticated(`a ${role} token needs ${what} (claim ${name})`);
    return value;
  };
  if (role === "DISTRICT_OPERATOR") caller.district = bound(mapping.district, "a district");
  if (role === "PLATFORM_OPERATOR") caller.platform = bound(mapping.platform, "a platform");
  if (role === "ENTERPRISE") {
    const code = bound(mapping.creditCode, "a unified social credit code").toUpperCase();
    const problem = creditCodeProblem(code);
    if (problem) throw unauthenticated(`an ENTERPRISE token needs a valid ${problem}`);
    caller.creditCode = code;
  }
  if (role === "VOLUNTEER") {
    const id = bound(mapping.volunteerId, "a volunteer id");
    if (!/^[1-9]\d{0,8}$/.test(id))
      throw unauthenticated(`a VOLUNTEER token's volunteer id must be a number, not "${id}"`);
    caller.volunteerId = id;
  }
  return caller;
}

/** A token that passed verifyToken, with the times its verdict depends on (epoch seconds). */
interface VerifiedToken {
  caller: Caller;
  exp: number;
  nbf: number | undefined;
}
const verified = new WeakMap<AuthConfig, Map<string, VerifiedToken>>();
/** Tokens remembered per secret; past it the memory starts over (a client keeps its token). */
const VERIFIED_TOKENS = 10_000;

/**
 * A token verifyToken accepted before under this config, if jose would accept it now: its
 * signature, issuer, audience and claims cannot have changed, only the time (checked as jose
 * checks `exp` and `nbf`, without tolerance). A token refused once is verified again each time.
 */
function rememberedCaller(token: string, config: AuthConfig): Caller | null {
  const known = verified.get(config)?.get(token);
  if (!known) return null;
  const now = Math.floor(Date.now() / 1000);
  if (known.exp <= now) throw unauthenticated(tokenRefusal("the token has expired"));
  if (known.nbf !== undefined && known.nbf > now)
    throw unauthenticated(tokenRefusal("the token is not valid"));
  return { ...known.caller };
}

function remember(token: string, config: AuthConfig, payload: JWTPayload, caller: Caller) {
  let tokens = verified.get(config);
  if (!tokens) verified.set(config, (tokens = new Map<string, VerifiedToken>()));
  if (tokens.size >= VERIFIED_TOKENS) tokens.clear();
  tokens.set(token, { caller: { ...caller }, exp: payload.exp!, nbf: payload.nbf });
}

const tokenRefusal = (reason: string) => `${reason}; ask for a new one (npm run token)`;

/**
 * Checks signature, issuer, audience, expiry and the claims each role needs (hub tokens). A token
 * accepted before is not verified again (the HMAC through WebCrypto cost the gateway about 50 µs
 * of CPU a request): only its expiry is checked.
 */
export async function verifyToken(token: string, config: AuthConfig): Promise<Caller> {
  const remembered = rememberedCaller(token, config);
  if (remembered) return remembered;
  let payload: JWTPayload;
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
    throw unauthenticated(tokenRefusal(reason));
  }
  const caller = callerFromClaims(payload, HUB_CLAIMS, { allowService: true });
  remember(token, config, payload, caller);
  return caller;
}

/** The token of an Authorization header; null when there is none (anonymous). */
export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated("the Authorization header must be 'Bearer <token>'");
  return match[1];
}
