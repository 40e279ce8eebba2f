// Sign-in through a real OpenID Connect provider (issue 27, items 1, 2 and 4): oidc-provider runs
// as a process of its own with a user for each role; every token here is obtained through the
// authorization code flow with PKCE over HTTP, and checked by the gateway against the keys the
// provider publishes. Each role reaches what it should; a token for another audience, an expired
// one, one signed with a key the provider never published, `alg: none` and an HS256 token in the
// provider's name are refused; the keys rotate without restarting the hub; the provider down
// during traffic changes nothing, and down at start only shows on /health/ready.
import { SignJWT, UnsecuredJWT, importJWK } from "jose";
import { startGateway } from "../../gateway";
import type { HubConfig } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { SUBGRAPHS } from "../../runtime/config";
import { bookingInput, demandIn, expert, freshCreditCode, REQUEST } from "../clinic/fixtures";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, send, expectRefusal } from "../helpers/graphql";
import {
  freshKeys,
  startOidcProvider,
  type OidcProvider,
  type ProviderUser,
} from "../helpers/oidc-provider";
import { signIn } from "../helpers/oidc-sign-in";

/** What the queries below answer, each reading some of these fields. */
type Reach = {
  district: { stations: { nodes: Array<{ contactPhone: string | null }> } };
  platforms: { totalCount: number };
  volunteer: { contactPhone: string | null } | null;
};
type Bookings = { bookings: { totalCount: number } };

const AUDIENCE = "sme-volunteer-hub";
const REDIRECT = "http://127.0.0.1:9/callback";
const CODE = freshCreditCode();
const TTL = 300;

let provider: OidcProvider;
let fed: Federation;

const USERS: ProviderUser[] = [
  { id: "admin", name: "市局管理员", claims: { role: "CITY_ADMIN" } },
  { id: "nanshan", name: "南山区运营", claims: { role: "DISTRICT_OPERATOR", district: "440305" } },
  { id: "viewer", name: "看板用户", claims: { role: "DASHBOARD_VIEWER" } },
  { id: "editor", name: "宣传编辑", claims: { role: "PUBLICITY_EDITOR" } },
  { id: "platform", name: "平台运营", claims: { role: "PLATFORM_OPERATOR", platform: "1" } },
  { id: "enterprise", name: "示例企业", claims: { role: "ENTERPRISE", credit_code: CODE } },
  { id: "volunteer", name: "志愿者一号", claims: { role: "VOLUNTEER", volunteer_id: 1 } },
  { id: "janitor", name: "无角色", claims: { role: "JANITOR" } },
  { id: "newcomer", name: "申请人", claims: {} },
  { id: "badcode", name: "错码企业", claims: { role: "ENTERPRISE", credit_code: "91440300X" } },
];

beforeAll(async () => {
  provider = await startOidcProvider({
    audience: AUDIENCE,
    audiences: { "urn:other-api": "other-api" },
    accessTokenTtl: TTL,
    clients: [
      { client_id: "hub-pages", redirect_uris: [REDIRECT] },
      { client_id: "hub-es256", redirect_uris: [REDIRECT], alg: "ES256" },
    ],
    users: USERS,
  });
  fed = await bootFederation({
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      // The tests rotate keys within seconds; production keeps the default minute.
      OIDC_KEYS_REFETCH_SECONDS: "1",
    },
  });
  await waitReady(fed.gatewayOrigin);
}, 120_000);
afterAll(async () => {
  await fed?.stop();
  await provider?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token for a user, through the code flow with PKCE. */
const tokenOf = async (user: string, clientId = "hub-pages", resource?: string) =>
  (await signIn(provider.issuer, { clientId, redirectUri: REDIRECT, user, resource })).access_token;

async function me(origin: string, token: string) {
  const response = await fetch(`${origin}/auth/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function waitReady(origin: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${origin}/health/ready`);
    if (response.status === 200) return response.json();
    if (Date.now() > until) throw new Error(`not ready: ${await response.text()}`);
    await sleep(200);
  }
}

async function refused(token: string, message: RegExp, origin = fed.gatewayOrigin) {
  const answer = await me(origin, token);
  expectRefusal(answer, "UNAUTHENTICATED", { status: 401, message, first: true });
  // The same on /graphql: refused before any subgraph is asked.
  const graphql = await send(`${origin}/graphql`, { query: "{ __typename }", token });
  expect(graphql.status).toBe(401);
}

const STATION_CONTACT = `{ district(code: "440305") { stations(first: 1) { nodes { id contactPhone } } } }`;
const PLATFORMS = `{ platforms(first: 1) { totalCount } }`;

describe("each role, signed in at the provider", () => {
  it("is the caller the hub maps from the provider's claims", async () => {
    const expected: Record<string, object> = {
      admin: { role: "CITY_ADMIN" },
      nanshan: { role: "DISTRICT_OPERATOR", district: "440305" },
      viewer: { role: "DASHBOARD_VIEWER" },
      editor: { role: "PUBLICITY_EDITOR" },
      platform: { role: "PLATFORM_OPERATOR", platform: "1" },
      enterprise: { role: "ENTERPRISE", creditCode: CODE },
      volunteer: { role: "VOLUNTEER", volunteerId: "1" },
      // Signed in without any hub role: an applicant (docs/self-service.md), reaching nothing else.
      newcomer: { role: "APPLICANT" },
    };
    for (const [user, caller] of Object.entries(expected)) {
      const answer = await me(fed.gatewayOrigin, await tokenOf(user));
      expect(answer).toEqual({ status: 200, body: { caller: { sub: user, ...caller } } });
    }
    await refused(await tokenOf("janitor"), /role "JANITOR" is not one the hub knows/);
    await refused(await tokenOf("badcode"), /ENTERPRISE token needs a valid creditCode/);
  });

  it("reaches what its role reaches, and the self-service roles nothing of others'", async () => {
    const get = async (user: string, query: string) =>
      send<Reach>(fed.gatewayUrl, { query, token: await tokenOf(user) });
    for (const user of ["admin", "nanshan"]) {
      const data = (await get(user, STATION_CONTACT)).data;
      expect(data!.district.stations.nodes[0].contactPhone).toMatch(/^1\d{10}$/);
    }
    for (const user of ["viewer", "editor", "platform", "enterprise", "volunteer"]) {
      const response = await get(user, STATION_CONTACT);
      expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(response.data!.district.stations.nodes[0].contactPhone).toBeNull();
    }
    for (const user of ["viewer", "editor", "platform"])
      expect((await get(user, PLATFORMS)).data!.platforms.totalCount).toBeGreaterThan(0);
    for (const user of ["enterprise", "volunteer"]) {
      const response = await get(user, PLATFORMS);
      expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(response.data).toBeNull();
    }
    // A volunteer is the public to the corps' personal data, even its own record's phone here.
    const volunteer = await get("volunteer", `{ volunteer(id: "1") { contactPhone } }`);
    expect(volunteer.data!.volunteer?.contactPhone ?? null).toBeNull();
  });

  it("lets an enterprise book for its own demand and read its own bookings only", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, "440305", { creditCode: CODE });
    const enterprise = await tokenOf("enterprise");
    const { requestBooking } = await execute<{ requestBooking: { id: string } }>(fed.gatewayUrl, {
      query: REQUEST,
      variables: { input: bookingInput(demand.id, expertId) },
      token: enterprise,
    });
    expect(requestBooking).toMatchObject({ channel: "ENTERPRISE", status: "REQUESTED" });
    const list = `{ bookings(first: 10) { totalCount nodes { id } } }`;
    expect(
      (await execute<Bookings>(fed.gatewayUrl, { query: list, token: enterprise })).bookings,
    ).toEqual({
      totalCount: 1,
      nodes: [{ id: requestBooking.id }],
    });
    const other = await fed.token("ENTERPRISE", { creditCode: freshCreditCode() });
    expect(
      (await execute<Bookings>(fed.gatewayUrl, { query: list, token: other })).bookings.totalCount,
    ).toBe(0);
  });

  it("accepts ES256 tokens as well as RS256, and the hub's own development tokens beside them", async () => {
    const es = await tokenOf("viewer", "hub-es256");
    expect(JSON.parse(Buffer.from(es.split(".")[0], "base64url").toString()).alg).toBe("ES256");
    expect((await me(fed.gatewayOrigin, es)).body.caller.role).toBe("DASHBOARD_VIEWER");
    const hub = await fed.token("DISTRICT_OPERATOR", { district: "440306" });
    expect((await me(fed.gatewayOrigin, hub)).body.caller).toMatchObject({ district: "440306" });
  });
});

describe("tokens the gateway refuses", () => {
  it("a token the provider issued for another audience", async () => {
    const other = await tokenOf("admin", "hub-pages", "urn:other-api");
    await refused(other, /not meant for this hub/);
  });

  it("an expired token, beyond the 60 s of clock skew; within them, it passes", async () => {
    try {
      // The provider's clock runs behind: its tokens expired 30 s or 120 s ago.
      await provider.setClock(-(TTL + 30));
      expect((await me(fed.gatewayOrigin, await tokenOf("admin"))).status).toBe(200);
      await provider.setClock(-(TTL + 120));
      await refused(await tokenOf("admin"), /expired/);
    } finally {
      await provider.setClock(0);
    }
  });

  it("a token signed with a key the provider never published, under its kid or another", async () => {
    const real = await tokenOf("admin");
    const claims = JSON.parse(Buffer.from(real.split(".")[1], "base64url").toString());
    const [rogue] = (await freshKeys("rogue")).keys;
    const key = await importJWK(rogue, "RS256");
    const forge = (kid: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(key);
    await refused(await forge("rs-one"), /not valid/);
    await refused(await forge("rs-rogue"), /key the identity provider does not publish/);
  });

  it("alg none, and an HS256 token in the provider's name", async () => {
    const payload = {
      role: "CITY_ADMIN",
      sub: "mallory",
      iss: provider.issuer,
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    await refused(new UnsecuredJWT(payload).encode(), /not valid/);
    const hs = await new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(fed.config.auth.jwtSecret));
    await refused(hs, /not valid/);
  });
});

describe("the provider's availability", () => {
  it("down during traffic: the keys it published keep serving, and the hub stays ready", async () => {
    const token = await tokenOf("admin");
    await provider.stop();
    try {
      expect((await me(fed.gatewayOrigin, token)).status).toBe(200);
      // A token naming a key the hub does not hold: the fetch fails, and the keys stay.
      await sleep(1100);
      const forged = token.replace(
        /^[^.]+/,
        Buffer.from(JSON.stringify({ alg: "RS256", kid: "rs-new" })).toString("base64url"),
      );
      await refused(forged, /does not publish/);
      expect((await me(fed.gatewayOrigin, token)).status).toBe(200);
      expect((await fetch(`${fed.gatewayOrigin}/health/ready`)).status).toBe(200);
      expect(
        (await execute<Reach>(fed.gatewayUrl, { query: STATION_CONTACT, token })).district.stations
          .nodes,
      ).toHaveLength(1);
    } finally {
      await provider.start();
    }
  });

  it("down at start: the gateway serves, shows it on /health/ready only, and signs in once it answers", async () => {
    const token = await tokenOf("nanshan");
    await provider.stop();
    let gateway: RunningServer | undefined;
    try {
      // A second gateway, with the default minute between key fetches for unknown kids.
      const config: HubConfig = {
        ...fed.config,
        identity: {
          ...fed.config.identity,
          oidc: { ...fed.config.identity.oidc!, keysRefetchSeconds: 60 },
        },
      };
      gateway = await startGateway(config, {
        port: 0,
        subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url])),
        log: createLogger("gateway-2", { ...config.log, level: "silent" }),
      });
      const ready = await fetch(`${gateway.origin}/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).reason).toMatch(/no keys from the identity provider/);
      expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
      const unchecked = await send(gateway.url, { query: "{ __typename }", token });
      expect(unchecked.status).toBe(503);
      expect(unchecked.errors![0].extensions!.code).toBe("SERVICE_UNAVAILABLE");
      // The hub's own tokens and anonymous readers are served meanwhile.
      const hub = await fed.token("CITY_ADMIN");
      expect((await me(gateway.origin, hub)).status).toBe(200);
      expect(
        (await send(gateway.url, { query: "{ caseStories(first: 1) { totalCount } }" })).status,
      ).toBe(200);
      await provider.start();
      await waitReady(gateway.origin);
      expect((await me(gateway.origin, token)).body.caller.district).toBe("440305");
      // Unknown kids fetch the keys again at most once a minute, however many arrive.
      const before = await provider.jwksServed();
      const [rogue] = (await freshKeys("rogue2")).keys;
      const key = await importJWK(rogue, "RS256");
      for (let i = 0; i < 5; i++) {
        const forged = await new SignJWT({ role: "CITY_ADMIN" })
          .setProtectedHeader({ alg: "RS256", kid: `unknown-${i}` })
          .setSubject("mallory")
          .setIssuer(provider.issuer)
          .setAudience(AUDIENCE)
          .setExpirationTime("5m")
          .sign(key);
        await refused(forged, /does not publish/, gateway.origin);
      }
      expect((await provider.jwksServed()) - before).toBeLessThanOrEqual(1);
    } finally {
      await gateway?.stop();
    }
  }, 60_000);

  it("rotates its keys: new tokens pass without restarting the hub, the dropped key's are refused", async () => {
    const old = await tokenOf("admin");
    expect((await me(fed.gatewayOrigin, old)).status).toBe(200);
    await provider.stop();
    await provider.start(await freshKeys("two"));
    const fresh = await tokenOf("admin");
    await sleep(1100);
    expect(JSON.parse(Buffer.from(fresh.split(".")[0], "base64url").toString()).kid).toBe("rs-two");
    expect((await me(fed.gatewayOrigin, fresh)).status).toBe(200);
    expect((await me(fed.gatewayOrigin, await tokenOf("viewer", "hub-es256"))).status).toBe(200);
    await sleep(1100);
    await refused(old, /does not publish/);
  });
});
