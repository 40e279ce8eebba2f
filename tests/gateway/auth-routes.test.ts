// The sign-in routes on their own (gateway/routes/auth-config.ts, auth-me.ts): how the pages sign
// in, and who the hub sees for a token. A gateway booted alone, its subgraphs unreachable; the
// provider-backed cases are in tests/identity/.
import { startGateway } from "../../gateway";
import { signToken } from "../../runtime/auth";
import { loadConfigWith, type HubConfig } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";

const nowhere = "http://127.0.0.1:9/graphql";
const SECRET = "test-secret-that-is-long-enough-for-hs256-0123";
const gateways: RunningServer[] = [];

async function boot(
  env: Record<string, string>,
): Promise<{ gateway: RunningServer; config: HubConfig }> {
  const config = loadConfigWith({ JWT_SECRET: SECRET, REDIS_URL: "", ...env });
  const gateway = await startGateway(config, {
    port: 0,
    log: createLogger("gateway", { level: "silent" }),
    subgraphUrls: { corps: nowhere, districts: nowhere, platforms: nowhere, publicity: nowhere },
  });
  gateways.push(gateway);
  return { gateway, config };
}
afterAll(() => Promise.all(gateways.map((g) => g.stop())));

const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
};

describe("GET /auth/config", () => {
  it("without a provider: no sign-in, the paste box, also in production", async () => {
    const dev = await boot({ OIDC_ISSUER: "" });
    expect((await get(`${dev.gateway.origin}/auth/config`)).body).toEqual({
      signIn: null,
      pasteToken: true,
    });
    const prod = await boot({ NODE_ENV: "production", OIDC_ISSUER: "" });
    expect((await get(`${prod.gateway.origin}/auth/config`)).body.pasteToken).toBe(true);
  });

  it("with a provider not reached yet: 503; the pages may fetch from the provider", async () => {
    const { gateway } = await boot({
      NODE_ENV: "production",
      GRAPHIQL: "1",
      INTROSPECTION: "1",
      OIDC_ISSUER: "https://127.0.0.1:9/realms/hub",
    });
    const answer = await get(`${gateway.origin}/auth/config`);
    expect(answer.status).toBe(503);
    expect(answer.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(answer.body.errors[0].message).toMatch(/has not been reached yet/);
    for (const page of ["/dashboard", "/graphiql"]) {
      const response = await fetch(`${gateway.origin}${page}`);
      expect(response.headers.get("content-security-policy")).toContain(
        "connect-src 'self' https://127.0.0.1:9;",
      );
    }
  });
});

describe("GET /auth/me", () => {
  it("answers the caller the hub sees, null without a token, 401 for a bad one", async () => {
    const { gateway, config } = await boot({});
    expect((await get(`${gateway.origin}/auth/me`)).body).toEqual({ caller: null });
    const token = await signToken(
      { sub: "e-1", role: "ENTERPRISE", creditCode: "914403000800LD9LFX" },
      config.auth,
    );
    const me = await get(`${gateway.origin}/auth/me`, { authorization: `Bearer ${token}` });
    expect(me.headers.get("cache-control")).toBe("private, no-store");
    expect(me.body).toEqual({
      caller: { sub: "e-1", role: "ENTERPRISE", creditCode: "914403000800LD9LFX" },
    });
    const bad = await get(`${gateway.origin}/auth/me`, { authorization: "Bearer nope" });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toBe("Bearer");
    expect(bad.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});
