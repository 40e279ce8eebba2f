// The gateway's credential for subgraph calls: a JWT the gateway signs for each call it sends to a
// subgraph, carrying the caller it verified (or none for an anonymous reader), bound role and all.
// The gateway checks the caller's token once; subgraphs trust this credential and never see the
// token. Subgraphs answer only requests that carry it, so a subgraph port reached directly (no
// gateway, so no limits) answers nothing. It is bound to the one call it was signed for, so that one seen on the wire (a log, a
// proxy) opens nothing else: its audience is the subgraph it is sent to, it names the request id
// the call carries (X-Request-Id) and the SHA-256 of the call's body (the operation and its
// variables), and it lives just longer than the gateway waits for that subgraph (its time limit
// plus GATEWAY_CREDENTIAL_MARGIN_MS); every try of a call is signed again. Its key is derived from
// JWT_SECRET with HKDF under a label of its own: a user's token can never pass as a credential,
// nor a credential as a token.
import { createHmac, hash, hkdfSync, timingSafeEqual } from "node:crypto";
import { callerClaims, type Caller, type Role } from "./auth";
import type { AuthConfig, SubgraphCallsConfig, SubgraphName } from "./config";
import { unauthenticated } from "./errors";

export const CREDENTIAL_HEADER = "x-hub-gateway-credential";
const ISSUER = "hub-gateway";

/** The credential key's bytes, derived once per configuration. */
const keyBytes = new WeakMap<AuthConfig, Buffer>();
const credentialKeyBytes = (config: AuthConfig) => {
  let bytes = keyBytes.get(config);
  if (!bytes) {
    bytes = Buffer.from(
      hkdfSync("sha256", config.jwtSecret, "sme-volunteer-hub", "gateway-subgraph-credential", 32),
    );
    keyBytes.set(config, bytes);
  }
  return bytes;
};
/** base64url of the protected header every credential carries: {"alg":"HS256"}. */
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256" })).toString("base64url");

export interface Credential {
  caller: Caller | null;
  requestId: string;
}

/** The one call a credential is good for: which subgraph, and the exact body sent to it. */
export interface CallBinding {
  subgraph: SubgraphName;
  /** The request's body as sent (the JSON text of the operation and its variables). */
  body: string;
}

/** What a subgraph checks a credential against: the call, and another reading of its body. */
export interface ReceivedCall extends CallBinding {
  requestId: string;
  /**
   * The body as JSON.stringify writes what it parsed to, asked for only when `body` (the bytes
   * received) is not what was signed: a sender may sign that text and send other spacing.
   */
  bodyAsParsed?: () => string;
}

/** How long a credential for this subgraph lives: its call time limit and the margin, in ms. */
export const credentialLifetimeMs = (calls: SubgraphCallsConfig, subgraph: SubgraphName) =>
  calls.timeoutMs[subgraph] + calls.credentialMarginMs;

/**
 * SHA-256 of the body, base64url: the `bdy` claim. node:crypto's one-shot `hash` (Node 20.12),
 * without a Hash object per call: a third of createHash's CPU on a small body.
 */
export const bodyDigest = (body: string) => hash("sha256", body, "base64url");

export async function signCredential(
  credential: Credential & CallBinding,
  config: { auth: AuthConfig; subgraphCalls: SubgraphCallsConfig },
  /** The signing time (ms since the epoch); tests sign in the past. */
  now = Date.now(),
) {
  const { caller, requestId, subgraph, body } = credential;
  const lifetimeMs = credentialLifetimeMs(config.subgraphCalls, subgraph);
  // The whole caller as the gateway verified it (subgraphs trust it and never see the token),
  // then the call's claims, in this order (the bytes signed). Added one by one: a literal that
  // begins with a spread costs V8 about 1 µs a property after it, on every subgraph call.
  const payload: Record<string, unknown> = caller ? callerClaims(caller) : {};
  payload.rid = requestId;
  payload.bdy = bodyDigest(body);
  payload.iss = ISSUER;
  payload.aud = subgraph;
  payload.iat = Math.floor(now / 1000);
  payload.exp = Math.ceil((now + lifetimeMs) / 1000);
  if (caller) payload.sub = caller.sub;
  // A compact JWS (HS256) signed with node:crypto's HMAC, in the calling thread: jose signs
  // through WebCrypto, a job on libuv's thread pool per call, several times the CPU of the HMAC
  // itself on every subgraph call (the same bytes as jose's: a test compares them).
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${signingInput}.${signatureOf(signingInput, config.auth)}`;
}

/** The HS256 signature of a compact JWS's first two segments, base64url. */
const signatureOf = (signingInput: string, auth: AuthConfig) =>
  createHmac("sha256", credentialKeyBytes(auth)).update(signingInput).digest("base64url");

/** A credential refused for what it is: the caller learns only that it is not valid. */
class NotValid extends Error {}

/**
 * The claims of a credential whose signature and times hold, as jose's jwtVerify checked them
 * (algorithms HS256, the issuer, exp/iat/aud required, maxTokenAge), with node:crypto's HMAC in
 * the calling thread: jose verifies through WebCrypto, a job on libuv's thread pool for each
 * subgraph request. Stricter than jose in two ways, both on what only a forger sends: the
 * protected header must be exactly the one signCredential writes (`{"alg":"HS256"}`: no other
 * algorithm, no `none`, no `crit`, no `kid`), and the signature its canonical base64url text.
 */
export function verifiedClaims(
  credential: string,
  auth: AuthConfig,
  maxAgeSeconds: number,
  /** The time to check against (ms since the epoch); tests check in the past. */
  nowMs = Date.now(),
): Record<string, unknown> {
  const parts = credential.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) throw new NotValid("header");
  const expected = Buffer.from(signatureOf(`${parts[0]}.${parts[1]}`, auth));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new NotValid("signature");
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    throw new NotValid("claims");
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    throw new NotValid("claims");
  const claims = payload as Record<string, unknown>;
  for (const claim of ["exp", "iat", "aud", "iss"])
    if (!(claim in claims)) throw new NotValid(claim);
  if (claims.iss !== ISSUER) throw new NotValid("iss");
  const now = Math.floor(nowMs / 1000);
  const { iat, exp, nbf } = claims;
  if (typeof iat !== "number" || typeof exp !== "number") throw new NotValid("times");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now)) throw new NotValid("nbf");
  if (exp <= now) throw new NotValid("exp");
  // Never longer than this subgraph's own lifetime, whatever `exp` says; never issued ahead.
  if (now - iat > maxAgeSeconds || now - iat < 0) throw new NotValid("iat");
  return claims;
}

const invalid = (why: string) => unauthenticated(`the gateway credential ${why}`);

/**
 * The credential of a subgraph request, checked against the request it came with: refused (401)
 * when missing, forged, expired, or signed for another subgraph, request id or body.
 */
export async function verifyCredential(
  header: string | string[] | undefined,
  call: ReceivedCall,
  config: { auth: AuthConfig; subgraphCalls: SubgraphCallsConfig },
): Promise<Credential> {
  if (typeof header !== "string" || !header) {
    throw unauthenticated(
      "this server answers the hub's gateway only; send your request to the gateway's /graphql",
    );
  }
  const lifetimeMs = credentialLifetimeMs(config.subgraphCalls, call.subgraph);
  let payload: Record<string, unknown>;
  try {
    payload = verifiedClaims(header, config.auth, Math.ceil(lifetimeMs / 1000));
  } catch {
    throw invalid("is not valid (forged or expired); send your request to the gateway");
  }
  if (payload.aud !== call.subgraph)
    throw invalid(`was signed for another subgraph (${String(payload.aud)}), not ${call.subgraph}`);
  if (payload.rid !== call.requestId)
    throw invalid("was signed for another request id; send your request to the gateway");
  if (
    payload.bdy !== bodyDigest(call.body) &&
    !(call.bodyAsParsed && payload.bdy === bodyDigest(call.bodyAsParsed()))
  )
    throw invalid(
      "was signed for another operation or variables; send your request to the gateway",
    );
  const requestId = call.requestId;
  if (typeof payload.role !== "string") return { caller: null, requestId };
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  const caller: Caller = { sub, role: payload.role as Role };
  if (typeof payload.district === "string") caller.district = payload.district;
  if (typeof payload.platform === "string") caller.platform = payload.platform;
  if (typeof payload.credit_code === "string") caller.creditCode = payload.credit_code;
  if (typeof payload.volunteer_id === "string") caller.volunteerId = payload.volunteer_id;
  return { caller, requestId };
}
