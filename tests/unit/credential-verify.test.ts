// The gateway credential verified with node:crypto (runtime/credential.ts) instead of jose's
// jwtVerify: every credential jose refused is still refused, with the same error (401
// UNAUTHENTICATED, the same message), and what the gateway signs is still answered. Each refusal
// is also put to jose with the options the subgraphs gave it before, so that the cases prove
// parity; the two where ours is stricter (a header other than signCredential's, a signature's
// non-canonical base64url) say so. No server.
import { createHmac, hkdfSync } from "node:crypto";
import { jwtVerify, SignJWT, UnsecuredJWT } from "jose";
import { loadConfigWith } from "../../runtime/config";
import {
  bodyDigest,
  credentialLifetimeMs,
  signCredential,
  verifyCredential,
  type ReceivedCall,
} from "../../runtime/credential";
import { DomainError } from "../../runtime/errors";

const config = loadConfigWith({ JWT_SECRET: "a-secret-for-the-credential-tests-0123456789" });
const key = new Uint8Array(
  hkdfSync("sha256", config.auth.jwtSecret, "sme-volunteer-hub", "gateway-subgraph-credential", 32),
);
const BODY = JSON.stringify({ query: "{ districts { code } }" });
const call: ReceivedCall = { subgraph: "districts", requestId: "rid-1", body: BODY };
const lifetime = Math.ceil(credentialLifetimeMs(config.subgraphCalls, "districts") / 1000);
const now = () => Math.floor(Date.now() / 1000);
const caller = { sub: "someone", role: "DISTRICT_OPERATOR" as const, district: "440303" };

/** The claims signCredential writes for `call`, changed as told (undefined: left out). */
function claims(change: Record<string, unknown> = {}) {
  const all: Record<string, unknown> = {
    role: caller.role,
    district: caller.district,
    rid: call.requestId,
    bdy: bodyDigest(BODY),
    iss: "hub-gateway",
    aud: call.subgraph,
    iat: now(),
    exp: now() + lifetime,
    sub: caller.sub,
    ...change,
  };
  for (const k of Object.keys(all)) if (all[k] === undefined) delete all[k];
  return all;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A compact JWS with this header and these claims, HS256 with the credential key. */
function hs256(header: Record<string, unknown>, payload: unknown, secret: Uint8Array = key) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

/** What jose's jwtVerify said of a credential with the subgraphs' former options. */
async function joseAccepts(credential: string) {
  try {
    await jwtVerify(credential, key, {
      algorithms: ["HS256"],
      issuer: "hub-gateway",
      requiredClaims: ["exp", "iat", "aud"],
      maxTokenAge: lifetime,
    });
    return true;
  } catch {
    return false;
  }
}

async function refusal(credential: string | undefined, received: ReceivedCall = call) {
  try {
    await verifyCredential(credential, received, config);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("UNAUTHENTICATED");
    return (error as Error).message;
  }
  throw new Error("the credential was accepted");
}

const NOT_VALID =
  "the gateway credential is not valid (forged or expired); send your request to the gateway";

describe("the gateway credential, verified with node:crypto", () => {
  it("answers what signCredential signs, with a caller and without, and jose's own JWS", async () => {
    for (const who of [caller, null]) {
      const credential = await signCredential({ caller: who, ...call }, config);
      const verified = await verifyCredential(credential, call, config);
      expect(verified).toEqual({ caller: who, requestId: "rid-1" });
    }
    const jose = await new SignJWT({
      role: caller.role,
      rid: call.requestId,
      bdy: bodyDigest(BODY),
    })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("hub-gateway")
      .setAudience("districts")
      .setSubject("someone")
      .setIssuedAt()
      .setExpirationTime(now() + 5)
      .sign(key);
    expect((await verifyCredential(jose, call, config)).caller).toEqual({
      sub: "someone",
      role: caller.role,
    });
  });

  it("signs the caller's claims, then the call's, in the order the subgraphs have always read", async () => {
    const at = Date.UTC(2026, 0, 1);
    const claimsOf = async (who: typeof caller | null) => {
      const credential = await signCredential({ caller: who, ...call }, config, at);
      return Buffer.from(credential.split(".")[1], "base64url").toString("utf8");
    };
    const times = { iss: "hub-gateway", aud: "districts", iat: at / 1000 };
    const exp = at / 1000 + lifetime;
    const call_ = { rid: "rid-1", bdy: bodyDigest(BODY) };
    expect(await claimsOf(caller)).toBe(
      JSON.stringify({
        role: caller.role,
        district: "440303",
        ...call_,
        ...times,
        exp,
        sub: "someone",
      }),
    );
    expect(await claimsOf(null)).toBe(JSON.stringify({ ...call_, ...times, exp }));
  });

  it("answers a body sent with other spacing than signed, through its parsed text", async () => {
    const credential = await signCredential({ caller, ...call }, config);
    const spaced = { ...call, body: ` ${BODY}`, bodyAsParsed: () => BODY };
    expect((await verifyCredential(credential, spaced, config)).caller).toEqual(caller);
  });

  const good = () => hs256({ alg: "HS256" }, claims());
  const refusals: Array<[string, () => Promise<string> | string]> = [
    [
      "a signature changed in one character (not the last, whose low bits carry nothing)",
      () =>
        good().replace(
          /(.)(.{5})$/,
          (_, c: string, rest: string) => (c === "A" ? "B" : "A") + rest,
        ),
    ],
    ["a signature cut short", () => good().slice(0, -2)],
    ["no signature", () => good().replace(/[^.]*$/, "")],
    [
      "claims changed after signing",
      () => {
        const [h, , s] = good().split(".");
        return `${h}.${b64(claims({ role: "CITY_ADMIN" }))}.${s}`;
      },
    ],
    ["signed with another secret", () => hs256({ alg: "HS256" }, claims(), new Uint8Array(32))],
    ["alg none, unsigned", () => new UnsecuredJWT(claims()).encode()],
    [
      "alg none with the HS256 signature",
      () => {
        const [, p, s] = good().split(".");
        return `${b64({ alg: "none" })}.${p}.${s}`;
      },
    ],
    [
      "HS512 with the same key",
      () =>
        new SignJWT(claims()).setProtectedHeader({ alg: "HS512" }).sign(new Uint8Array(64).fill(7)),
    ],
    [
      "HS512 header over an HS256 signature",
      () => {
        const [, p, s] = good().split(".");
        return `${b64({ alg: "HS512" })}.${p}.${s}`;
      },
    ],
    ["a header naming no algorithm", () => hs256({}, claims())],
    ["an unknown critical extension", () => hs256({ alg: "HS256", crit: ["x"], x: 1 }, claims())],
    ["four segments", () => `${good()}.x`],
    ["two segments", () => good().split(".").slice(0, 2).join(".")],
    ["not a JWS at all", () => "credential"],
    ["expired", () => hs256({ alg: "HS256" }, claims({ iat: now() - 10, exp: now() - 1 }))],
    ["expiring this second", () => hs256({ alg: "HS256" }, claims({ exp: now() }))],
    [
      "issued longer ago than the subgraph's lifetime, whatever exp says",
      () => hs256({ alg: "HS256" }, claims({ iat: now() - lifetime - 2, exp: now() + 3600 })),
    ],
    ["issued in the future", () => hs256({ alg: "HS256" }, claims({ iat: now() + 60 }))],
    ["not before a time to come", () => hs256({ alg: "HS256" }, claims({ nbf: now() + 60 }))],
    ["nbf not a number", () => hs256({ alg: "HS256" }, claims({ nbf: "0" }))],
    ["no exp", () => hs256({ alg: "HS256" }, claims({ exp: undefined }))],
    ["exp not a number", () => hs256({ alg: "HS256" }, claims({ exp: String(now() + 5) }))],
    ["no iat", () => hs256({ alg: "HS256" }, claims({ iat: undefined }))],
    ["iat not a number", () => hs256({ alg: "HS256" }, claims({ iat: String(now()) }))],
    ["no aud", () => hs256({ alg: "HS256" }, claims({ aud: undefined }))],
    ["no iss", () => hs256({ alg: "HS256" }, claims({ iss: undefined }))],
    ["another issuer", () => hs256({ alg: "HS256" }, claims({ iss: "someone-else" }))],
    ["claims that are an array", () => hs256({ alg: "HS256" }, [claims()])],
    [
      "claims that are not JSON",
      () => {
        const input = `${b64({ alg: "HS256" })}.${Buffer.from("{role:").toString("base64url")}`;
        return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
      },
    ],
  ];

  it.each(refusals)("refuses %s, as jose did", async (_what, make) => {
    const credential = await make();
    expect(await refusal(credential)).toBe(NOT_VALID);
    expect(await joseAccepts(credential)).toBe(false);
  });

  it("refuses what jose let through: another header than signCredential's, a non-canonical signature", async () => {
    const typed = hs256({ alg: "HS256", typ: "JWT" }, claims());
    expect(await joseAccepts(typed)).toBe(true);
    expect(await refusal(typed)).toBe(NOT_VALID);
    // 32 bytes are 43 base64url characters, the last carrying 2 unused bits that jose ignores.
    const canonical = good();
    const last = canonical.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = `${canonical.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(await joseAccepts(twin)).toBe(true);
    expect(await refusal(twin)).toBe(NOT_VALID);
  });

  it("refuses a credential for another subgraph, request id or body, and none at all", async () => {
    const credential = await signCredential({ caller, ...call }, config);
    expect(await refusal(credential, { ...call, subgraph: "corps" })).toMatch(
      /signed for another subgraph \(districts\), not corps/,
    );
    expect(await refusal(credential, { ...call, requestId: "rid-2" })).toMatch(
      /another request id/,
    );
    const other = JSON.stringify({ query: "{ districts { name } }" });
    expect(await refusal(credential, { ...call, body: other, bodyAsParsed: () => other })).toMatch(
      /another operation or variables/,
    );
    expect(await refusal(undefined)).toMatch(/answers the hub's gateway only/);
    expect(await refusal("")).toMatch(/answers the hub's gateway only/);
  });
});
