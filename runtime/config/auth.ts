// Token signing and checking: one HS256 secret shared by the gateway, the subgraphs and the tools.
import { integer, value, type Env, type Problems } from "./read";

export interface AuthConfig {
  jwtSecret: string;
  jwtIssuer: string;
  tokenTtlSeconds: number;
  /** True when no JWT_SECRET was set and the built-in development secret is in use. */
  usingDevSecret: boolean;
}

const DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";

export function authSection(env: Env, problems: Problems, production: boolean): AuthConfig {
  const given = value(env, "JWT_SECRET");
  const jwtSecret = given ?? (production ? "" : DEV_SECRET);
  if (jwtSecret.length < 32) {
    problems.add("JWT_SECRET must be set to at least 32 characters (required in production)");
  }
  return {
    jwtSecret,
    jwtIssuer: value(env, "JWT_ISSUER") ?? "sme-volunteer-hub",
    tokenTtlSeconds: integer(env, problems, "TOKEN_TTL_SECONDS", 8 * 3600, {
      min: 1,
      what: "a positive integer",
    }),
    usingDevSecret: jwtSecret === DEV_SECRET,
  };
}
