// The gateway's credential for subgraph calls: a JWT the gateway signs for each client request,
// carrying the verified caller (or none for an anonymous reader) and the request id, valid for a
// minute. Subgraphs answer only requests that carry it, so a subgraph port reached directly (no
// gateway, so no limits) answers nothing. Its key is derived from JWT_SECRET with HKDF under a
// label of its own: a user's token can never pass as a credential, nor a credential as a token.
import { hkdfSync, type webcrypto } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { hs256Key, type Caller, type Role } from "./auth";
import type { AuthConfig } from "./config";
import { unauthenticated } from "./errors";

export const CREDENTIAL_HEADER = "x-hub-gateway-credential";
const ISSUER = "hub-gateway";
const AUDIENCE = "hub-subgraphs";
const TTL_SECONDS = 60;

const keys = new WeakMap<AuthConfig, Promise<webcrypto.CryptoKey>>();
const credentialKey = (config: AuthConfig) =>
  hs256Key(
    keys,
    config,
    () =>
      new Uint8Array(
        hkdfSync(
          "sha256",
          config.jwtSecret,
          "sme-volunteer-hub",
          "gateway-subgraph-credential",
          32,
        ),
      ),
  );

export interface Credential {
  caller: Caller | null;
  requestId: string;
}

export async function signCredential(credential: Credential, config: AuthConfig) {
  const { caller, requestId } = credential;
  const claims: Record<string, string> = { rid: requestId };
  if (caller) {
    claims.role = caller.role;
    if (caller.district) claims.district = caller.district;
    if (caller.platform) claims.platform = caller.platform;
  }
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`);
  if (caller) jwt.setSubject(caller.sub);
  return jwt.sign(await credentialKey(config));
}

/** The credential of a subgraph request; refused (401) when missing, forged or expired. */
export async function verifyCredential(
  header: string | string[] | undefined,
  config: AuthConfig,
): Promise<Credential> {
  if (typeof header !== "string" || !header) {
    throw unauthenticated(
      "this server answers the hub's gateway only; send your request to the gateway's /graphql",
    );
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(header, await credentialKey(config), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ["exp", "iat"],
      maxTokenAge: `${TTL_SECONDS * 2}s`,
    }));
  } catch {
    throw unauthenticated("the gateway credential is not valid; send your request to the gateway");
  }
  const requestId = typeof payload.rid === "string" ? payload.rid : "";
  if (typeof payload.role !== "string") return { caller: null, requestId };
  const caller: Caller = { sub: String(payload.sub ?? ""), role: payload.role as Role };
  if (typeof payload.district === "string") caller.district = payload.district;
  if (typeof payload.platform === "string") caller.platform = payload.platform;
  return { caller, requestId };
}
