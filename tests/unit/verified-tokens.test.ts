// The hub's own tokens verified once (runtime/auth.ts verifyToken): a token accepted before is
// not verified again, yet answers as jose would at every moment: the same caller while it lives,
// "expired" from its `exp` on, and a refused token refused every time.
import { signToken, verifyToken } from "../../runtime/auth";
import type { AuthConfig } from "../../runtime/config";

const auth = (): AuthConfig => ({
  jwtSecret: "a-secret-of-at-least-thirty-two-characters",
  jwtIssuer: "sme-volunteer-hub",
  tokenTtlSeconds: 60,
  usingDevSecret: false,
});
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
  );

describe("a token verified before", () => {
  afterEach(() => jest.useRealTimers());

  it("gives the same caller, a copy each time", async () => {
    const config = auth();
    const token = await signToken(
      { sub: "op-1", role: "DISTRICT_OPERATOR", district: "440305" },
      config,
    );
    const first = await verifyToken(token, config);
    first.district = "440303";
    expect(await verifyToken(token, config)).toEqual({
      sub: "op-1",
      role: "DISTRICT_OPERATOR",
      district: "440305",
    });
  });

  it("is refused as expired from its exp on, as a token never seen is", async () => {
    jest.useFakeTimers({
      now: new Date("2026-12-07T10:00:00Z"),
      doNotFake: ["nextTick", "queueMicrotask", "setImmediate"],
    });
    const config = auth();
    const token = await signToken({ sub: "admin", role: "CITY_ADMIN" }, config, 60);
    expect(await verifyToken(token, config)).toEqual({ sub: "admin", role: "CITY_ADMIN" });
    jest.setSystemTime(new Date("2026-12-07T10:00:59.999Z"));
    expect(await verifyToken(token, config)).toEqual({ sub: "admin", role: "CITY_ADMIN" });
    jest.setSystemTime(new Date("2026-12-07T10:01:00Z"));
    const remembered = await refusalOf(verifyToken(token, config));
    // A config object of its own has verified nothing: jose's own verdict.
    const fresh = await refusalOf(verifyToken(token, auth()));
    expect(remembered).toBe(fresh);
    expect(remembered).toBe(
      "UNAUTHENTICATED: the token has expired; ask for a new one (npm run token)",
    );
  });

  it("is refused under another secret, and a refused token every time", async () => {
    const config = auth();
    const token = await signToken({ sub: "admin", role: "CITY_ADMIN" }, config);
    await verifyToken(token, config);
    const other = { ...auth(), jwtSecret: "another-secret-of-at-least-thirty-two-chars" };
    for (let i = 0; i < 2; i++)
      expect(await refusalOf(verifyToken(token, other))).toBe(
        "UNAUTHENTICATED: the token is not valid; ask for a new one (npm run token)",
      );
  });
});
