// Only the gateway reaches the subgraphs: a request straight to a subgraph port needs the
// gateway's credential, whatever else it carries, so the probe's `_entities` and `_service` calls
// with no token get nothing. And the tokens themselves: algorithm pinned, expiry required, issuer
// and audience checked.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, SignJWT, UnsecuredJWT } from "jose";
import { startGateway } from "../../gateway";
import { verifyToken } from "../../runtime/auth";
import { SUBGRAPHS } from "../../runtime/config";
import { createHash } from "node:crypto";
import { CALLER_HEADER, encodeCaller, signedHeaders } from "../../gateway/credential-fetcher";
import {
  bodyDigest,
  credentialLifetimeMs,
  CREDENTIAL_HEADER,
  signCredential,
} from "../../runtime/credential";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { bootFederation, type Federation } from "../helpers/federation";
import { bodyOf, execute, send, expectRefusal } from "../helpers/graphql";

let fed: Federation;
beforeAll(async () => {
  // corps' own time limit, so that its credential's lifetime is not the others' (4 s + 2 s).
  fed = await bootFederation({ env: { CORPS_TIMEOUT_MS: "4000" } });
});
afterAll(() => fed?.stop());

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id name status } } }`;
const volunteers = () => ({
  r: [{ __typename: "Volunteer", id: String(fed.demo.volunteers[0].id) }],
});

describe("a subgraph reached directly", () => {
  it.each([...SUBGRAPHS])(
    "%s refuses _service and _entities without the gateway's credential",
    async (name) => {
      for (const query of ["{ _service { sdl } }", ENTITIES]) {
        const response = await send(fed.subgraphs[name].url, { query, variables: volunteers() });
        expect(response.status).toBe(401);
        expect(response.data).toBeUndefined();
        expect(response.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
        expect(response.errors![0].message).toMatch(/answers the hub's gateway only/);
      }
    },
  );

  it("refuses a user's valid token without the credential", async () => {
    const response = await send(fed.subgraphs.corps.url, {
      query: ENTITIES,
      variables: volunteers(),
      token: await fed.token("CITY_ADMIN"),
    });
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
  });

  it("refuses a user's token passed off as the credential", async () => {
    const token = await fed.token("CITY_ADMIN");
    const response = await send(fed.subgraphs.corps.url, {
      query: ENTITIES,
      variables: volunteers(),
      token,
      headers: { [CREDENTIAL_HEADER]: token },
    });
    expect(response.status).toBe(401);
    expect(response.errors![0].message).toMatch(/credential is not valid/);
  });

  it("refuses a credential signed with another secret; a token beside one changes nothing", async () => {
    const request = { query: ENTITIES, variables: volunteers() };
    const bound = { requestId: "r-1", subgraph: "corps" as const, body: bodyOf(request) };
    const forged = await signCredential(
      { caller: { sub: "x", role: "CITY_ADMIN" }, ...bound },
      {
        ...fed.config,
        auth: { ...fed.config.auth, jwtSecret: "another-secret-that-is-long-enough-0123456789" },
      },
    );
    const viaForged = await send(fed.subgraphs.corps.url, {
      ...request,
      headers: { [CREDENTIAL_HEADER]: forged, "x-request-id": "r-1" },
    });
    expect(viaForged.status).toBe(401);
    // A real credential for an anonymous reader, with an admin's token beside it: the subgraph
    // takes the caller from the credential alone, so the reader stays anonymous.
    const phones = {
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id contactPhone } } }`,
      variables: {
        r: [
          {
            __typename: "Volunteer",
            id: String(fed.demo.volunteers.find((v) => v.status === "APPOINTED")!.id),
          },
        ],
      },
    };
    const anonymous = await signCredential(
      { caller: null, ...bound, body: bodyOf(phones) },
      fed.config,
    );
    const mixed = await execute<{ _entities: unknown[] }>(fed.subgraphs.corps.url, {
      ...phones,
      token: await fed.token("CITY_ADMIN"),
      headers: { [CREDENTIAL_HEADER]: anonymous, "x-request-id": "r-1" },
    });
    expect(mixed._entities[0]).toEqual({ id: phones.variables.r[0].id, contactPhone: null });
  });

  it("answers what the gateway would have asked, with the credential", async () => {
    const data = await execute<{ _service: { sdl: string } }>(
      fed.subgraphs.corps.url,
      await fed.asGateway("corps", { query: "{ _service { sdl } }" }),
    );
    expect(data._service.sdl).toContain("type Volunteer");
  });

  it("passes the gateway's request id to the subgraphs and back to the client", async () => {
    const response = await fetch(fed.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "probe-0001" },
      body: JSON.stringify({ query: `{ volunteer(id: "abc") { id } nope }` }),
    });
    expect(response.headers.get("x-request-id")).toBe("probe-0001");
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.requestId).toBe("probe-0001");
    const fresh = await fetch(fed.gatewayUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": "bad id; with spaces ".repeat(5),
      },
      body: JSON.stringify({ query: `{ __typename }` }),
    });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const logged = fed.logs().filter((l) => l.includes("probe-0001"));
    expect(logged.length).toBeGreaterThan(0);
  });
});

// Issue 25, item 7: a credential seen on the wire (a proxy's log, a packet capture) used to open
// any subgraph, for any operation, for a minute. A recording proxy between a gateway and corps
// captures real calls; replayed as they are, they are answered; replayed anywhere else, with
// another operation, variables or request id, or once their lifetime is over, they are refused.
describe("a captured credential", () => {
  interface Captured {
    headers: Record<string, string>;
    body: string;
  }
  const captured: Captured[] = [];
  let proxy: http.Server;
  let gateway: RunningServer;
  const QUERY = `query ($id: ID!) { volunteer(id: $id) { id name } }`;

  beforeAll(async () => {
    const corps = new URL(fed.subgraphs.corps.url);
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        captured.push({ headers: req.headers as Record<string, string>, body });
        const out = http.request(corps, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        out.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.address() as AddressInfo;
    gateway = await startGateway(fed.config, {
      port: 0,
      subgraphUrls: {
        ...Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url])),
        corps: `http://127.0.0.1:${port}/graphql`,
      },
      log: createLogger("gateway-2", { level: "silent" }),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  /** A call the gateway made to corps for `{ volunteer }`, as the proxy saw it. */
  async function capture(): Promise<Captured> {
    const id = String(fed.demo.volunteers[0].id);
    captured.length = 0;
    await execute(gateway.url, {
      query: QUERY,
      variables: { id },
      token: await fed.token("CITY_ADMIN"),
    });
    const call = captured.find((c) => c.body.includes("volunteer("));
    expect(call).toBeDefined();
    return call!;
  }

  /** Sends a captured call again to `url`, changed as told; the answer's status and message. */
  async function replay(url: string, call: Captured, change: Partial<Captured> = {}) {
    const {
      host: _host,
      connection: _connection,
      "content-length": _,
      ...headers
    } = { ...call.headers, ...change.headers };
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: change.body ?? call.body,
    });
    const body = (await response.json()) as any;
    return { status: response.status, body, message: body.errors?.[0]?.message as string };
  }

  it("is answered when sent again unchanged, within its lifetime", async () => {
    const call = await capture();
    const again = await replay(fed.subgraphs.corps.url, call);
    expect(again.status).toBe(200);
    expect(again.body.data.volunteer.id).toBe(String(fed.demo.volunteers[0].id));
  });

  it("names the caller the gateway verified, which travels in no header of its own", async () => {
    // The data source hands the caller to the signing layer on the call's init, not on the wire.
    const call = await capture();
    expect(Object.keys(call.headers)).not.toContain(CALLER_HEADER);
    const claims = decodeJwt(call.headers[CREDENTIAL_HEADER]);
    expect(claims.role).toBe("CITY_ADMIN");
    expect(typeof claims.sub).toBe("string");
    // The public's call carries no caller at all.
    captured.length = 0;
    await send(gateway.url, { query: QUERY, variables: { id: String(fed.demo.volunteers[0].id) } });
    expect(captured.length).toBeGreaterThan(0);
    for (const anonymous of captured) {
      const publicClaims = decodeJwt(anonymous.headers[CREDENTIAL_HEADER]);
      expect(publicClaims.role).toBeUndefined();
      expect(publicClaims.sub).toBeUndefined();
    }
  });

  it("is refused by any other subgraph", async () => {
    const call = await capture();
    for (const name of ["districts", "platforms", "publicity"] as const) {
      const refused = await replay(fed.subgraphs[name].url, call);
      expect(refused.status).toBe(401);
      expect(refused.message).toMatch(/signed for another subgraph \(corps\), not /);
    }
  });

  it("is refused with another operation, other variables or another request id", async () => {
    const call = await capture();
    const parsed = JSON.parse(call.body);
    const other = { ...parsed, query: "{ _service { sdl } }" };
    const otherDocument = await replay(fed.subgraphs.corps.url, call, {
      body: JSON.stringify(other),
    });
    expect(otherDocument.status).toBe(401);
    expect(otherDocument.message).toMatch(/another operation or variables/);
    const id = String(fed.demo.volunteers[1].id);
    const otherVariables = await replay(fed.subgraphs.corps.url, call, {
      body: JSON.stringify({ ...parsed, variables: { ...parsed.variables, id } }),
    });
    expect(otherVariables.status).toBe(401);
    const otherRequest = await replay(fed.subgraphs.corps.url, call, {
      headers: { ...call.headers, "x-request-id": "another-request-0001" },
    });
    expect(otherRequest.status).toBe(401);
    expect(otherRequest.message).toMatch(/another request id/);
  });

  it("lives the subgraph's time limit plus the margin, read from the configuration", async () => {
    const call = await capture();
    const claims = decodeJwt(call.headers[CREDENTIAL_HEADER]);
    // corps: CORPS_TIMEOUT_MS=4000 and GATEWAY_CREDENTIAL_MARGIN_MS=2000, in whole seconds.
    expect(claims.aud).toBe("corps");
    expect(claims.exp! - claims.iat!).toBeGreaterThanOrEqual(6);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(7);
    const lifetime = credentialLifetimeMs(fed.config.subgraphCalls, "corps");
    expect(lifetime).toBe(6000);
    const request = { query: QUERY, variables: { id: String(fed.demo.volunteers[0].id) } };
    const token = await fed.token("CITY_ADMIN");
    const signedAgo = async (ms: number) => {
      const credential = await signCredential(
        {
          caller: await verifyToken(token, fed.config.auth),
          requestId: "aged-0001",
          subgraph: "corps",
          body: bodyOf(request),
        },
        fed.config,
        Date.now() - ms,
      );
      return send(fed.subgraphs.corps.url, {
        ...request,
        token,
        headers: { [CREDENTIAL_HEADER]: credential, "x-request-id": "aged-0001" },
      });
    };
    expect((await signedAgo(lifetime - 3000)).status).toBe(200);
    const expired = await signedAgo(lifetime + 1500);
    expect(expired.status).toBe(401);
    expect(expired.errors![0].message).toMatch(/not valid \(forged or expired\)/);
  });
});

describe("the credential's signature", () => {
  it("binds the body by its SHA-256, as createHash writes it, for any text", () => {
    for (const body of [
      "",
      "{}",
      bodyOf({ query: "{ districts { code } }" }),
      "区 ✓ 🙂".repeat(50),
    ])
      expect(bodyDigest(body)).toBe(createHash("sha256").update(body).digest("base64url"));
  });

  it("signs the caller given to signedHeaders, whose internal header never leaves", async () => {
    const caller = { sub: "someone", role: "CITY_ADMIN" as const };
    const stray = { [CALLER_HEADER]: encodeCaller({ sub: "other", role: "SERVICE" as const }) };
    for (const given of [{ "x-request-id": "rid-2" }, { "x-request-id": "rid-2", ...stray }]) {
      const headers = await signedHeaders("corps", given, "{}", fed.config, caller);
      expect(Object.keys(headers).sort()).toEqual([CREDENTIAL_HEADER, "x-request-id"]);
      const claims = decodeJwt(headers[CREDENTIAL_HEADER]);
      expect([claims.sub, claims.role, claims.rid]).toEqual(["someone", "CITY_ADMIN", "rid-2"]);
    }
    // The peers' way: the caller in the header, taken off.
    const viaHeader = await signedHeaders(
      "corps",
      { [CALLER_HEADER]: encodeCaller(caller) },
      "{}",
      fed.config,
    );
    expect(Object.keys(viaHeader)).not.toContain(CALLER_HEADER);
    expect(decodeJwt(viaHeader[CREDENTIAL_HEADER]).role).toBe("CITY_ADMIN");
  });

  it("is the compact JWS jose signs for the same claims, with and without a caller", async () => {
    // signCredential signs with node:crypto's HMAC; jose signs the same bytes.
    const { hkdfSync } = await import("node:crypto");
    const key = new Uint8Array(
      hkdfSync(
        "sha256",
        fed.config.auth.jwtSecret,
        "sme-volunteer-hub",
        "gateway-subgraph-credential",
        32,
      ),
    );
    const now = Date.now();
    const caller = { sub: "someone", role: "DISTRICT_OPERATOR" as const, district: "440303" };
    for (const who of [caller, null]) {
      const body = bodyOf({ query: "{ districts { code } }" });
      const ours = await signCredential(
        { caller: who, requestId: "rid-1", subgraph: "districts", body },
        fed.config,
        now,
      );
      const lifetimeMs = credentialLifetimeMs(fed.config.subgraphCalls, "districts");
      const claims = decodeJwt(ours);
      const jose = new SignJWT({
        ...(who ? { role: who.role, district: who.district } : {}),
        rid: "rid-1",
        bdy: claims.bdy,
      })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer("hub-gateway")
        .setAudience("districts")
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.ceil((now + lifetimeMs) / 1000));
      if (who) jose.setSubject(who.sub);
      expect(ours).toBe(await jose.sign(key));
    }
  });
});

describe("tokens", () => {
  const key = () => new TextEncoder().encode(fed.config.auth.jwtSecret);
  const claims = { role: "CITY_ADMIN" };
  async function refused(token: string, message: RegExp) {
    const response = await send(fed.gatewayUrl, { query: "{ __typename }", token });
    expectRefusal(response, "UNAUTHENTICATED", { status: 401, message, first: true });
  }

  it("refuses alg none", async () => {
    const none = new UnsecuredJWT(claims)
      .setSubject("mallory")
      .setIssuer(fed.config.auth.jwtIssuer)
      .setAudience("sme-volunteer-hub")
      .setExpirationTime("1h")
      .encode();
    await refused(none, /not valid/);
  });

  it("refuses a token without an expiry", async () => {
    const forever = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("forever")
      .setIssuer(fed.config.auth.jwtIssuer)
      .setAudience("sme-volunteer-hub")
      .sign(key());
    await refused(forever, /not valid/);
  });

  it("refuses another issuer or audience, and another algorithm", async () => {
    const sign = (issuer: string, audience: string, alg = "HS256") =>
      new SignJWT(claims)
        .setProtectedHeader({ alg })
        .setSubject("eve")
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime("1h")
        .sign(key());
    await refused(await sign("someone-else", "sme-volunteer-hub"), /not valid/);
    await refused(await sign(fed.config.auth.jwtIssuer, "another-app"), /not valid/);
    await refused(await sign(fed.config.auth.jwtIssuer, "sme-volunteer-hub", "HS512"), /not valid/);
  });
});
