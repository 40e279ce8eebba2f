// PUBLIC_URL: where the public reaches the gateway, the only source of the links the hub hands out
// (the feed's, and a printed certificate's QR code: issue 24, item 4). Checked at start like every setting: a URL that could not be a public address is a
// configuration problem, not a link in a published document.
import { ConfigError, loadConfig } from "../../runtime/config";

// A secret of its own: on a non-loopback HOST the development secret is refused.
const config = (env: Record<string, string>) =>
  loadConfig({ JWT_SECRET: "a-secret-for-these-tests-0123456789abcdef", ...env });
const servers = (env: Record<string, string>) => config(env).servers;
const verifyUrl = (env: Record<string, string>) => config(env).clinic.certificateVerifyUrl;

describe("PUBLIC_URL", () => {
  it("defaults to http://<HOST>:<PORT>", () => {
    expect(servers({}).publicUrl).toBe("http://localhost:4000");
    expect(servers({ HOST: "hub.internal", PORT: "8080" }).publicUrl).toBe(
      "http://hub.internal:8080",
    );
    expect(servers({ HOST: "::1" }).publicUrl).toBe("http://[::1]:4000");
  });

  it.each([
    ["https://sme.sz.gov.cn", "https://sme.sz.gov.cn"],
    ["https://SME.sz.gov.cn:443/", "https://sme.sz.gov.cn"],
    ["http://hub.example.cn:8080/sme/", "http://hub.example.cn:8080/sme"],
    ["https://hub.example.cn/a/b", "https://hub.example.cn/a/b"],
  ])("takes %s as %s", (given, publicUrl) => {
    expect(servers({ PUBLIC_URL: given }).publicUrl).toBe(publicUrl);
  });

  it.each([
    ["sme.sz.gov.cn", /PUBLIC_URL=sme.sz.gov.cn is not a URL/],
    ["javascript://evil.example/", /must be an http\(s\) URL/],
    ["ftp://sme.sz.gov.cn", /must be an http\(s\) URL/],
    ["https://user:pw@sme.sz.gov.cn", /user name or password/],
    ["https://sme.sz.gov.cn/?x=1", /query or a fragment/],
    ["https://sme.sz.gov.cn/#top", /query or a fragment/],
    ["https://sme.sz.gov.cn/a b", /plain path prefix only/],
    ["https://sme.sz.gov.cn/%2e%2e/x", /plain path prefix only/],
    ["https://sme.sz.gov.cn/./hub", /plain path prefix only/],
  ])("refuses %s at start", (given, message) => {
    expect(() => servers({ PUBLIC_URL: given })).toThrow(ConfigError);
    expect(() => servers({ PUBLIC_URL: given })).toThrow(message);
  });

  it("refuses a HOST that makes no URL when PUBLIC_URL is unset", () => {
    expect(() => servers({ HOST: "a b" })).toThrow(/HOST=a b makes no URL .*; set PUBLIC_URL/);
    expect(servers({ HOST: "a b", PUBLIC_URL: "https://sme.sz.gov.cn" }).publicUrl).toBe(
      "https://sme.sz.gov.cn",
    );
  });
});

describe("a printed certificate's verification link (CERTIFICATE_VERIFY_URL)", () => {
  it("follows PUBLIC_URL, and so PORT and HOST when PUBLIC_URL is unset", () => {
    expect(verifyUrl({})).toBe("http://localhost:4000/certificates/verify/{number}");
    expect(verifyUrl({ PORT: "4600" })).toBe("http://localhost:4600/certificates/verify/{number}");
    expect(verifyUrl({ HOST: "hub.internal", PORT: "8080" })).toBe(
      "http://hub.internal:8080/certificates/verify/{number}",
    );
    expect(verifyUrl({ PORT: "4600", PUBLIC_URL: "https://sme.sz.gov.cn/hub/" })).toBe(
      "https://sme.sz.gov.cn/hub/certificates/verify/{number}",
    );
  });

  it("is taken as given when set, for a verification site of its own", () => {
    const own = "https://verify.sz.gov.cn/c/{number}";
    expect(verifyUrl({ PORT: "4600", CERTIFICATE_VERIFY_URL: own })).toBe(own);
    expect(() => verifyUrl({ CERTIFICATE_VERIFY_URL: "https://verify.sz.gov.cn/c" })).toThrow(
      /CERTIFICATE_VERIFY_URL=.* must be an http\(s\) URL containing \{number\}/,
    );
  });
});
