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
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
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

/** SHA-256 of the body, base64url: the `bdy` claim. */
export const bodyDigest = (body: string) => createHash("sha256").update(body).digest("base64url");

export async function signCredential(
  credential: Credential & CallBinding,
  config: { auth: AuthConfig; subgraphCalls: SubgraphCallsConfig },
  /** The signing time (ms since the epoch); tests sign in the past. */
  now = Date.now(),
) {
  const { caller, requestId, subgraph, body } = credential;
  // The whole caller as the gateway verified it: subgraphs trust it and never see the token.
  const claims = { ...(caller ? callerClaims(caller) : {}), rid: requestId, bdy: bodyDigest(body) };
  const lifetimeMs = credentialLifetimeMs(config.subgraphCalls, subgraph);
  const payload = {
    ...claims,
    iss: ISSUER,
    aud: subgraph,
    iat: Math.floor(now / 1000),
    exp: Math.ceil((now + lifetimeMs) / 1000),
    ...(caller ? { sub: caller.sub } : {}),
  };
  // A compact JWS (HS256) signed with node:crypto's HMAC, in the calling thread: jose signs
  // through WebCrypto, a job on libuv's thread pool per call, several times the CPU of the HMAC
  // itself on every subgraph call. Subgraphs verify it the same way (checkedPayload).
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  const signature = createHmac("sha256", credentialKeyBytes(config.auth))
    .update(signingInput)
    .digest("base64url");
  return `${signingInput}.${signature}`;
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
  const payload = checkedPayload(header, config.auth, Math.ceil(lifetimeMs / 1000));
  if (!payload) throw invalid("is not valid (forged or expired); send your request to the gateway");
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

type Claims = Record<string, unknown>;

const jsonObject = (base64url: string): Claims | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(base64url, "base64url").toString());
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Claims) : null;
  } catch {
    return null;
  }
};

/**
 * The claims of a compact HS256 JWS signed with the credential key, or null: the checks jose's
 * jwtVerify made with { algorithms: ["HS256"], issuer, requiredClaims: exp, iat, aud,
 * maxTokenAge } (no clock tolerance), with node:crypto's HMAC in the calling thread. jose checks
 * through WebCrypto, a job on libuv's thread pool per call: 2-5 % of a subgraph's CPU on a read.
 * A header with `crit` or `b64`, which jose would weigh, is refused: the gateway writes neither.
 */
function checkedPayload(jws: string, auth: AuthConfig, maxAgeSeconds: number): Claims | null {
  const parts = jws.split(".");
  if (parts.length !== 3) return null;
  const [head, body, signature] = parts;
  const header = jsonObject(head);
  if (!header || header.alg !== "HS256" || "crit" in header || "b64" in header) return null;
  const expected = Buffer.from(
    createHmac("sha256", credentialKeyBytes(auth)).update(`${head}.${body}`).digest("base64url"),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const payload = jsonObject(body);
  if (!payload || payload.iss !== ISSUER) return null;
  if (!("exp" in payload && "iat" in payload && "aud" in payload)) return null;
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp, nbf } = payload;
  if (typeof iat !== "number" || typeof exp !== "number") return null;
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now)) return null;
  if (exp <= now) return null;
  // Never older than this subgraph's own lifetime, whatever `exp` says; never from the future.
  const age = now - iat;
  return age > maxAgeSeconds || age < 0 ? null : payload;
}
