// How verified claims become the hub's caller (runtime/auth.ts callerFromClaims), the same rules
// for the hub's own tokens and a provider's: the role at a dot path (an array gives the first role
// the hub knows), OIDC_ROLE_MAP, and what each role must be bound to; and the settings that adapt
// them (runtime/config/identity.ts).
import { callerFromClaims, callerScope, HUB_CLAIMS, type ClaimMapping } from "../../runtime/auth";
import { ConfigError, loadConfig } from "../../runtime/config";

const CODE = "914403000800LD9LFX";
const keycloak: ClaimMapping = {
  ...HUB_CLAIMS,
  role: "realm_access.roles",
  roleMap: { "hub-admin": "CITY_ADMIN", "hub-enterprise": "ENTERPRISE" },
};
const refusal = (claims: Record<string, unknown>, mapping = HUB_CLAIMS) => {
  try {
    callerFromClaims({ sub: "u-1", ...claims }, mapping);
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  throw new Error("accepted");
};

describe("a caller from claims", () => {
  it("binds each role to what it needs", () => {
    expect(
      callerFromClaims({ sub: "a", role: "DISTRICT_OPERATOR", district: "440305" }, HUB_CLAIMS),
    ).toEqual({ sub: "a", role: "DISTRICT_OPERATOR", district: "440305" });
    expect(
      callerFromClaims(
        { sub: "e", role: "ENTERPRISE", credit_code: CODE.toLowerCase() },
        HUB_CLAIMS,
      ),
    ).toEqual({ sub: "e", role: "ENTERPRISE", creditCode: CODE });
    // Keycloak user attributes may arrive as numbers.
    expect(callerFromClaims({ sub: "v", role: "VOLUNTEER", volunteer_id: 12 }, HUB_CLAIMS)).toEqual(
      {
        sub: "v",
        role: "VOLUNTEER",
        volunteerId: "12",
      },
    );
  });

  it("refuses a self-service token without a valid binding", () => {
    expect(refusal({ role: "ENTERPRISE" })).toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringMatching(/credit code \(claim credit_code\)/),
    });
    expect(refusal({ role: "ENTERPRISE", credit_code: "914403000800LD9LFY" }).message).toMatch(
      /check character should be X/,
    );
    expect(refusal({ role: "VOLUNTEER", volunteer_id: "v-12" }).message).toMatch(
      /must be a number/,
    );
    expect(refusal({ role: "VOLUNTEER", volunteer_id: { id: 12 } }).message).toMatch(
      /claim volunteer_id/,
    );
  });

  it("reads the role at a dot path, takes the first the hub knows, maps provider names", () => {
    const roles = (list: unknown[]) => ({ sub: "k", realm_access: { roles: list } });
    expect(
      callerFromClaims(roles(["offline_access", "uma_authorization", "hub-admin"]), keycloak).role,
    ).toBe("CITY_ADMIN");
    expect(
      callerFromClaims(
        { ...roles(["default-roles-hub", "hub-enterprise"]), credit_code: CODE },
        keycloak,
      ),
    ).toMatchObject({ role: "ENTERPRISE", creditCode: CODE });
    // A hub role named as it is counts too.
    expect(callerFromClaims(roles(["DASHBOARD_VIEWER"]), keycloak).role).toBe("DASHBOARD_VIEWER");
    expect(refusal(roles(["offline_access"]), keycloak).message).toMatch(/"offline_access" is not/);
    expect(refusal({}, keycloak).message).toMatch(/names no role \(claim realm_access\.roles\)/);
  });

  it("makes a provider token naming no role at all an APPLICANT, never one naming an unknown role", () => {
    const options = { withoutRole: "APPLICANT" as const };
    expect(callerFromClaims({ sub: "p|1" }, keycloak, options)).toEqual({
      sub: "p|1",
      role: "APPLICANT",
    });
    expect(
      callerFromClaims({ sub: "p|1", realm_access: { roles: [] } }, keycloak, options).role,
    ).toBe("APPLICANT");
    expect(() =>
      callerFromClaims(
        { sub: "p|1", realm_access: { roles: ["offline_access"] } },
        keycloak,
        options,
      ),
    ).toThrow(/"offline_access" is not/);
    // A provider's default role mapped to APPLICANT yields to a hub role the person has.
    const mapped = {
      ...keycloak,
      roleMap: { ...keycloak.roleMap, "default-roles-hub": "APPLICANT" },
    };
    const roles = (list: string[]) => ({ sub: "p|1", realm_access: { roles: list } });
    expect(callerFromClaims(roles(["default-roles-hub"]), mapped).role).toBe("APPLICANT");
    expect(callerFromClaims(roles(["default-roles-hub", "hub-admin"]), mapped).role).toBe(
      "CITY_ADMIN",
    );
    expect(callerScope({ sub: "p|1", role: "APPLICANT" })).toBe("APPLICANT:subject:p|1");
  });

  it("never takes SERVICE from a provider, and wants a short subject", () => {
    expect(refusal({ role: "SERVICE" }).message).toMatch(/not one the hub knows/);
    expect(refusal({ role: "CITY_ADMIN", sub: "x".repeat(101) }).message).toMatch(/1-100/);
  });

  it("gives every enterprise and volunteer a scope of its own", () => {
    const scope = (caller: Parameters<typeof callerScope>[0]) => callerScope(caller);
    expect(scope({ sub: "a", role: "ENTERPRISE", creditCode: CODE })).toBe(
      `ENTERPRISE:credit:${CODE}`,
    );
    expect(scope({ sub: "b", role: "VOLUNTEER", volunteerId: "7" })).toBe("VOLUNTEER:volunteer:7");
    expect(scope({ sub: "c", role: "DISTRICT_OPERATOR", district: "440305" })).toBe(
      "DISTRICT_OPERATOR:440305",
    );
    expect(scope({ sub: "d", role: "CITY_ADMIN" })).toBe("CITY_ADMIN:city");
  });
});

describe("the identity settings", () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it("read the provider, its audience, the role path and map", () => {
    const { oidc } = loadConfig({
      OIDC_ISSUER: "https://sso.example.gov.cn/realms/hub",
      OIDC_AUDIENCE: "hub-api",
      OIDC_ROLE_CLAIM: "realm_access.roles",
      OIDC_ROLE_MAP: '{"hub-admin":"CITY_ADMIN"}',
    }).identity;
    expect(oidc).toMatchObject({
      issuer: "https://sso.example.gov.cn/realms/hub",
      audience: "hub-api",
      clientId: "hub-pages",
      keysRefetchSeconds: 60,
      claims: { role: "realm_access.roles", roleMap: { "hub-admin": "CITY_ADMIN" } },
    });
    expect(loadConfig({}).identity.oidc).toBeNull();
  });

  it("refuse a map to roles the hub does not have, a bad issuer, and the development provider in production", () => {
    expect(
      problems({
        OIDC_ISSUER: "sso.example.gov.cn",
        OIDC_ROLE_MAP: '{"admin":"ROOT","svc":"SERVICE"}',
        OIDC_ROLE_CLAIM: "realm access",
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/OIDC_ISSUER=sso.example.gov.cn must be the provider's issuer URL/),
        expect.stringMatching(/maps "admin" to "ROOT", which is not a hub role/),
        expect.stringMatching(/maps "svc" to "SERVICE"/),
        expect.stringMatching(/OIDC_ROLE_CLAIM=realm access/),
      ]),
    );
    expect(problems({ NODE_ENV: "production", JWT_SECRET: "x".repeat(40), DEV_OIDC: "1" })).toEqual(
      expect.arrayContaining([expect.stringMatching(/DEV_OIDC=1 is for development/)]),
    );
    expect(
      problems({
        NODE_ENV: "production",
        JWT_SECRET: "x".repeat(40),
        OIDC_ISSUER: "http://sso.example.gov.cn",
      }),
    ).toEqual([expect.stringMatching(/must use https in production/)]);
  });

  it("point the hub at the development provider with DEV_OIDC=1", () => {
    const { identity } = loadConfig({ DEV_OIDC: "1", DEV_OIDC_PORT: "4105" });
    expect(identity.devProvider).toEqual({ port: 4105 });
    expect(identity.oidc).toMatchObject({
      issuer: "http://localhost:4105",
      audience: "sme-volunteer-hub",
      clientId: "hub-pages",
    });
  });
});
