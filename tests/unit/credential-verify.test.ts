// The subgraphs check the gateway's credential with node:crypto's HMAC instead of jose's
// jwtVerify: what jose accepted is accepted (its own JWS of the same claims included), and what it
// refused is refused: another key or algorithm, a changed payload, a missing or wrong claim, an
// expired credential, one older than the subgraph's lifetime or issued in the future.
import { hkdfSync } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { loadConfigWith } from "../../runtime/config";
import {
  bodyDigest,
  credentialLifetimeMs,
  signCredential,
  verifyCredential,
} from "../../runtime/credential";

const config = loadConfigWith({ JWT_SECRET: "a-secret-for-the-credential-tests-0123456789" });
const body = JSON.stringify({ query: "{ districts { code } }" });
const call = { subgraph: "districts" as const, requestId: "rid-1", body };
const key = new Uint8Array(
  hkdfSync("sha256", config.auth.jwtSecret, "sme-volunteer-hub", "gateway-subgraph-credential", 32),
);
const now = () => Math.floor(Date.now() / 1000);
const lifetime = Math.ceil(credentialLifetimeMs(config.subgraphCalls, "districts") / 1000);

/** A JWS jose signs with the credential key: the gateway's claims, changed as told. */
function joseSigned(change: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const claims: Record<string, unknown> = {
    role: "DISTRICT_OPERATOR",
    district: "440303",
    rid: "rid-1",
    bdy: bodyDigest(body),
    iss: "hub-gateway",
    aud: "districts",
    sub: "someone",
    iat: now(),
    exp: now() + lifetime,
    ...change,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", ...header }).sign(key);
}

const verify = (credential: string) => verifyCredential(credential, call, config);
const refused = (credential: string) =>
  expect(verify(credential)).rejects.toThrow(/not valid \(forged or expired\)/);

describe("verifyCredential", () => {
  it("accepts the gateway's credential and jose's JWS of the same claims", async () => {
    const caller = { sub: "someone", role: "DISTRICT_OPERATOR" as const, district: "440303" };
    const ours = await signCredential({ caller, ...call }, config);
    expect(await verify(ours)).toEqual({ caller, requestId: "rid-1" });
    expect(await verify(await joseSigned())).toEqual({ caller, requestId: "rid-1" });
    const anonymous = await signCredential({ caller: null, ...call }, config);
    expect(await verify(anonymous)).toEqual({ caller: null, requestId: "rid-1" });
  });

  it("refuses another key, another algorithm, alg none and a changed payload", async () => {
    const other = new TextEncoder().encode("another-secret-that-is-long-enough-0123456789");
    await refused(
      await new SignJWT({ iss: "hub-gateway" }).setProtectedHeader({ alg: "HS256" }).sign(other),
    );
    const hs512 = new Uint8Array(64).fill(7);
    await refused(await new SignJWT({}).setProtectedHeader({ alg: "HS512" }).sign(hs512));
    await refused(new UnsecuredJWT({ iss: "hub-gateway", aud: "districts" }).encode());
    const [head, , signature] = (await joseSigned()).split(".");
    const admin = Buffer.from(
      JSON.stringify({
        role: "CITY_ADMIN",
        iss: "hub-gateway",
        aud: "districts",
        iat: now(),
        exp: now() + 5,
      }),
    ).toString("base64url");
    await refused(`${head}.${admin}.${signature}`);
    await refused("not-a-jws");
    await refused(`${head}..${signature}`);
  });

  it("refuses a wrong issuer, a missing exp, iat or aud, and claims of the wrong type", async () => {
    await refused(await joseSigned({ iss: "someone-else" }));
    for (const claim of ["exp", "iat", "aud", "iss"])
      await refused(await joseSigned({ [claim]: undefined }));
    await refused(await joseSigned({ exp: String(now() + 5) }));
    await refused(await joseSigned({ iat: String(now()) }));
    await refused(await joseSigned({ nbf: "soon" }));
  });

  it("refuses an expired credential, one older than the lifetime, or from the future", async () => {
    await refused(await joseSigned({ exp: now() }));
    await refused(await joseSigned({ iat: now() - lifetime - 1, exp: now() + 60 }));
    await refused(await joseSigned({ iat: now() + 5 }));
    await refused(await joseSigned({ nbf: now() + 5 }));
    expect((await verify(await joseSigned({ nbf: now() }))).caller?.role).toBe("DISTRICT_OPERATOR");
  });

  it("refuses a header that asks for critical extensions", async () => {
    await refused(await joseSigned({}, { crit: ["b64"], b64: true }));
  });

  it("still refuses another subgraph, request id or body", async () => {
    await expect(verify(await joseSigned({ aud: "corps" }))).rejects.toThrow(/another subgraph/);
    await expect(verify(await joseSigned({ rid: "rid-2" }))).rejects.toThrow(/another request/);
    await expect(verify(await joseSigned({ bdy: bodyDigest("{}") }))).rejects.toThrow(
      /another operation/,
    );
  });
});
