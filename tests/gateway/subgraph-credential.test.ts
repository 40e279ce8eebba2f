// Only the gateway reaches the subgraphs: a request straight to a subgraph port needs the
// gateway's credential, whatever else it carries, so the probe's `_entities` and `_service` calls
// with no token get nothing. And the tokens themselves: algorithm pinned, expiry required, issuer
// and audience checked.
import { SignJWT, UnsecuredJWT } from "jose";
import { SUBGRAPHS } from "../../runtime/config";
import { CREDENTIAL_HEADER, signCredential } from "../../runtime/credential";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, send } from "../helpers/graphql";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation();
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

  it("refuses a credential signed with another secret, or one for another caller", async () => {
    const forged = await signCredential(
      { caller: { sub: "x", role: "CITY_ADMIN" }, requestId: "r" },
      { ...fed.config.auth, jwtSecret: "another-secret-that-is-long-enough-0123456789" },
    );
    const viaForged = await send(fed.subgraphs.corps.url, {
      query: ENTITIES,
      variables: volunteers(),
      headers: { [CREDENTIAL_HEADER]: forged },
    });
    expect(viaForged.status).toBe(401);
    // A real credential for an anonymous reader, with an admin's token beside it.
    const anonymous = await signCredential({ caller: null, requestId: "r" }, fed.config.auth);
    const mixed = await send(fed.subgraphs.corps.url, {
      query: ENTITIES,
      variables: volunteers(),
      token: await fed.token("CITY_ADMIN"),
      headers: { [CREDENTIAL_HEADER]: anonymous },
    });
    expect(mixed.status).toBe(401);
    expect(mixed.errors![0].message).toMatch(/name different callers/);
  });

  it("answers what the gateway would have asked, with the credential", async () => {
    const data = await execute(
      fed.subgraphs.corps.url,
      await fed.asGateway({ query: "{ _service { sdl } }" }),
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

describe("tokens", () => {
  const key = () => new TextEncoder().encode(fed.config.auth.jwtSecret);
  const claims = { role: "CITY_ADMIN" };
  async function refused(token: string, message: RegExp) {
    const response = await send(fed.gatewayUrl, { query: "{ __typename }", token });
    expect(response.status).toBe(401);
    expect(response.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(response.errors![0].message).toMatch(message);
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
