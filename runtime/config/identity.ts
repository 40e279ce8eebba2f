// Sign-in through an OpenID Connect provider (the city's Keycloak, the government's unified
// identity service): whose tokens the gateway trusts, for which audience, where their claims are,
// and which client the dashboard page and GraphiQL sign in with. DEV_OIDC=1 makes npm start run a
// local provider with demo users (tools/dev-oidc-provider.mjs) and points all of this at it.
import { HUB_CLAIMS, ROLES, type ClaimMapping } from "../auth";
import { flag, integer, value, type Env, type Problems } from "./read";

export interface OidcConfig {
  /** The provider's issuer: tokens' `iss`, and where its discovery document is. */
  issuer: string;
  /** The `aud` the hub's tokens must carry. */
  audience: string;
  /** Where the role and the bound claims are in a token. */
  claims: ClaimMapping;
  /** The public client the dashboard page and GraphiQL sign in with (code flow with PKCE). */
  clientId: string;
  /** What the pages ask for. */
  scope: string;
  /** An unknown `kid` fetches the key set again at most this often (seconds). */
  keysRefetchSeconds: number;
  /** The key set is fetched again in the background this often (seconds). */
  keysRefreshSeconds: number;
}

export interface IdentityConfig {
  /** Null: only the hub's own HS256 tokens (development, tests, service calls). */
  oidc: OidcConfig | null;
  /** DEV_OIDC=1: npm start runs the development provider on this port. */
  devProvider: { port: number } | null;
}

export const DEV_OIDC_PORT = 4005;
/** The audience and the pages' client when not set (the development provider uses them too). */
export const DEFAULT_AUDIENCE = "sme-volunteer-hub";
export const DEFAULT_CLIENT_ID = "hub-pages";

const CLAIM_PATH = /^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/;

/** An http(s) URL without query or fragment; a trailing slash is kept (iss must match as is). */
function issuerProblem(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `OIDC_ISSUER=${raw} must be the provider's issuer URL (https://sso.example.gov.cn/realms/hub)`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `OIDC_ISSUER=${raw} must be an http(s) URL`;
  if (url.search || url.hash) return `OIDC_ISSUER=${raw} must have no query or fragment`;
  if (production && url.protocol === "http:")
    return `OIDC_ISSUER=${raw} must use https in production: the keys that decide who is CITY_ADMIN are fetched from it`;
  return null;
}

function roleMap(raw: string | undefined, problems: Problems): Record<string, string> {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.add(`OIDC_ROLE_MAP must be a JSON object such as {"hub-admin":"CITY_ADMIN"}`);
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    problems.add(`OIDC_ROLE_MAP must be a JSON object such as {"hub-admin":"CITY_ADMIN"}`);
    return {};
  }
  const map: Record<string, string> = {};
  for (const [name, role] of Object.entries(parsed)) {
    if (typeof role === "string" && (ROLES as readonly string[]).includes(role)) map[name] = role;
    else
      problems.add(
        `OIDC_ROLE_MAP maps "${name}" to ${JSON.stringify(role)}, which is not a hub role (${ROLES.join(", ")})`,
      );
  }
  return map;
}

/** DEV_OIDC=1: the development provider's port, and its issuer (on HOST). */
function devProviderSection(env: Env, problems: Problems, production: boolean, host: string) {
  const dev = flag(env, problems, "DEV_OIDC", false);
  const port = integer(env, problems, "DEV_OIDC_PORT", DEV_OIDC_PORT, {
    min: 1,
    max: 65535,
    what: "a port number (1-65535)",
  });
  if (!dev) return null;
  if (production)
    problems.add("DEV_OIDC=1 is for development: its demo users sign in without a password");
  if (value(env, "OIDC_ISSUER"))
    problems.add(
      "DEV_OIDC=1 runs its own provider and points the hub at it: leave OIDC_ISSUER unset, or turn DEV_OIDC off",
    );
  return { port, issuer: `http://${host.includes(":") ? `[${host}]` : host}:${port}` };
}

/** Where the role is, and the provider's names for the hub's roles. */
function claimsSection(env: Env, problems: Problems): ClaimMapping {
  const role = value(env, "OIDC_ROLE_CLAIM") ?? HUB_CLAIMS.role;
  if (!CLAIM_PATH.test(role))
    problems.add(
      `OIDC_ROLE_CLAIM=${role} must be a claim name or a dot path such as realm_access.roles`,
    );
  return { ...HUB_CLAIMS, role, roleMap: roleMap(value(env, "OIDC_ROLE_MAP"), problems) };
}

function oidcSection(
  env: Env,
  problems: Problems,
  production: boolean,
  issuer: string,
): OidcConfig {
  const problem = issuerProblem(issuer, production);
  if (problem) problems.add(problem);
  const audience = value(env, "OIDC_AUDIENCE") ?? DEFAULT_AUDIENCE;
  const clientId = value(env, "OIDC_CLIENT_ID") ?? DEFAULT_CLIENT_ID;
  // An ID token's audience is the client it was issued to: it must never pass as an access token.
  if (audience === clientId)
    problems.add(
      `OIDC_AUDIENCE and OIDC_CLIENT_ID are both "${audience}": the pages' ID tokens would pass as access tokens; give the hub an audience of its own`,
    );
  return {
    issuer,
    audience,
    claims: claimsSection(env, problems),
    clientId,
    scope: value(env, "OIDC_SCOPE") ?? "openid profile",
    keysRefetchSeconds: integer(env, problems, "OIDC_KEYS_REFETCH_SECONDS", 60, {
      min: 1,
      max: 3600,
      what: "a number of seconds (1-3600)",
    }),
    keysRefreshSeconds: integer(env, problems, "OIDC_KEYS_REFRESH_SECONDS", 600, {
      min: 10,
      max: 86_400,
      what: "a number of seconds (10-86400)",
    }),
  };
}

export function identitySection(
  env: Env,
  problems: Problems,
  production: boolean,
  host: string,
): IdentityConfig {
  const dev = devProviderSection(env, problems, production, host);
  const issuer = value(env, "OIDC_ISSUER") ?? dev?.issuer;
  return {
    oidc: issuer === undefined ? null : oidcSection(env, problems, production, issuer),
    devProvider: dev ? { port: dev.port } : null,
  };
}
