// Who is calling, decided once per request, here and nowhere else: the gateway puts the caller in
// each subgraph call's credential (runtime/credential.ts), and subgraphs trust it. A bearer token
// whose issuer is the OpenID Connect provider's (OIDC_ISSUER) is checked against the provider's
// published keys (oidc-keys.ts): RS256 or ES256, its issuer, the hub's audience (OIDC_AUDIENCE),
// an expiry (60 s of clock skew allowed) and a subject; its claims become the caller through
// OIDC_ROLE_CLAIM and OIDC_ROLE_MAP. Any other bearer is one of the hub's own HS256 tokens
// (runtime/auth.ts: development, tests and the subgraphs' service calls).
import { decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { bearerOf, callerFromClaims, verifyToken, type Caller } from "../runtime/auth";
import type { HubConfig, OidcConfig } from "../runtime/config";
import { DomainError, unauthenticated } from "../runtime/errors";
import type { ReadyCheck } from "../runtime/http/health";
import type { RepeatFilter } from "../runtime/log";
import { NoProviderKeys, ProviderKeys, UnknownSigningKey } from "./oidc-keys";

/** What the dashboard page and GraphiQL need to sign in (GET /auth/config). */
export interface SignInSettings {
  issuer: string;
  clientId: string;
  scope: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint: string | null;
}

export interface Identity {
  /** The caller behind an Authorization header; null without one. Throws a DomainError. */
  callerOf(authorization: string | undefined): Promise<Caller | null>;
  /** For /health/ready: fails while the provider's keys were never obtained. */
  ready: ReadyCheck;
  /** Null without a provider; throws while its discovery document was not read yet. */
  signIn(): SignInSettings | null;
  /** From then on an APPLICANT whose application was appointed is that VOLUNTEER (applicant-binding.ts). */
  bindApplicants(binder: (caller: Caller) => Promise<Caller>): void;
  close(): void;
}

/** The issuer a token claims, read without trusting it (only to choose how to check it). */
function claimedIssuer(token: string): string | undefined {
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === "string" ? iss : undefined;
  } catch {
    throw unauthenticated("the token is not a JWT; sign in again");
  }
}

async function verifyOidc(token: string, oidc: OidcConfig, keys: ProviderKeys): Promise<Caller> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys.key, {
      algorithms: ["RS256", "ES256"],
      issuer: oidc.issuer,
      audience: oidc.audience,
      clockTolerance: 60,
      requiredClaims: ["exp", "sub"],
    }));
  } catch (error) {
    if (error instanceof NoProviderKeys)
      throw new DomainError(
        "SERVICE_UNAVAILABLE",
        "the identity provider has not been reached yet, so this token cannot be checked; try again shortly",
      );
    if (error instanceof UnknownSigningKey)
      throw unauthenticated(
        "the token is signed with a key the identity provider does not publish; sign in again",
      );
    if (error instanceof joseErrors.JWTExpired)
      throw unauthenticated("the token has expired; sign in again");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "aud")
      throw unauthenticated(
        `the token is not meant for this hub (its audience is not ${oidc.audience})`,
      );
    throw unauthenticated("the token is not valid; sign in again");
  }
  // A person the provider knows but gave no hub role is an APPLICANT: it may apply to the corps
  // for itself and reaches nothing else (docs/self-service.md). A role name the hub does not
  // know is still refused: map the provider's default role in OIDC_ROLE_MAP to admit it.
  return callerFromClaims(payload, oidc.claims, { withoutRole: "APPLICANT" });
}

export function createIdentity(config: HubConfig, repeats: RepeatFilter): Identity {
  const oidc = config.identity.oidc;
  const keys = oidc ? new ProviderKeys(oidc, repeats) : null;
  keys?.start();
  let bind = async (caller: Caller) => caller;
  return {
    async callerOf(authorization) {
      const token = bearerOf(authorization);
      if (token === null) return null;
      const caller =
        oidc && keys && claimedIssuer(token) === oidc.issuer
          ? await verifyOidc(token, oidc, keys)
          : await verifyToken(token, config.auth);
      return caller.role === "APPLICANT" ? bind(caller) : caller;
    },
    bindApplicants(binder) {
      bind = binder;
    },
    async ready() {
      if (!keys) return {};
      if (!keys.ready)
        throw new Error(`not ready: no keys from the identity provider ${oidc!.issuer} yet`);
      return { identityProvider: "keys loaded" };
    },
    signIn() {
      if (!oidc || !keys) return null;
      const endpoints = keys.endpoints;
      if (!endpoints) throw notReachedYet(oidc.issuer);
      return {
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        scope: oidc.scope,
        authorizationEndpoint: endpoints.authorization,
        tokenEndpoint: endpoints.token,
        endSessionEndpoint: endpoints.endSession,
      };
    },
    close: () => keys?.stop(),
  };
}

const notReachedYet = (issuer: string) =>
  new DomainError(
    "SERVICE_UNAVAILABLE",
    `the identity provider ${issuer} has not been reached yet; sign-in opens once it answers`,
  );
