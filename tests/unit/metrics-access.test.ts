// Who may read /metrics and what becomes a label (issue 25, item 8): in production only a scraper
// with METRICS_TOKEN, compared in constant time; operation names of anonymous callers never become
// labels, and signed-in callers' names only up to a bound.
import { ConfigError, loadConfig, type Env } from "../../runtime/config";
import { carriesToken, labelFor } from "../../runtime/http/metrics";

const SECRET = "a-secret-of-our-own-that-is-long-enough-0123";
const TOKEN = "scraper-token-0123456789abcdef";

function load(env: Env) {
  try {
    return { metrics: loadConfig({ JWT_SECRET: SECRET, ...env }).metrics, problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { metrics: null, problems: error.problems };
    throw error;
  }
}

describe("METRICS and METRICS_TOKEN", () => {
  it("are open in development, as before", () => {
    expect(load({}).metrics).toEqual({ enabled: true, token: null });
  });

  it("serve nothing in production without a token", () => {
    expect(load({ NODE_ENV: "production" }).metrics).toEqual({ enabled: false, token: null });
  });

  it("serve a scraper with the token in production", () => {
    expect(load({ NODE_ENV: "production", METRICS_TOKEN: TOKEN }).metrics).toEqual({
      enabled: true,
      token: TOKEN,
    });
  });

  it("refuse METRICS=1 in production without a token, saying what to do", () => {
    const { problems } = load({ NODE_ENV: "production", METRICS: "1" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/METRICS=1 with NODE_ENV=production needs METRICS_TOKEN/);
    expect(problems[0]).toMatch(/METRICS=0/);
  });

  it("refuse a short token, one with spaces, and the JWT secret as the token", () => {
    expect(load({ METRICS_TOKEN: "short" }).problems.join()).toMatch(/at least 16 characters/);
    expect(load({ METRICS_TOKEN: "has spaces in it, 0123" }).problems.join()).toMatch(
      /without spaces/,
    );
    expect(load({ METRICS_TOKEN: SECRET }).problems.join()).toMatch(
      /METRICS_TOKEN must not be JWT_SECRET/,
    );
  });
});

describe("carriesToken", () => {
  it("accepts the bearer token, whatever the scheme's case", () => {
    expect(carriesToken(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(carriesToken(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["another token", "Bearer scraper-token-0123456789abcdeX"],
    ["a prefix of the token", `Bearer ${TOKEN.slice(0, -1)}`],
    ["the token and more", `Bearer ${TOKEN}0`],
    ["another scheme", `Basic ${TOKEN}`],
    ["the token without a scheme", TOKEN],
  ])("refuses %s", (_, header) => {
    expect(carriesToken(header, TOKEN)).toBe(false);
  });
});

describe("labelFor", () => {
  it("labels every anonymous request 'anonymous', whatever its name", () => {
    const seen = new Set<string>();
    expect(labelFor(seen, "CityDashboard", false)).toBe("anonymous");
    expect(labelFor(seen, "Invented123", false)).toBe("anonymous");
    expect(labelFor(seen, undefined, false)).toBe("anonymous");
    expect(seen.size).toBe(0);
  });

  it("labels a signed-in caller's names up to the bound, then 'other'", () => {
    const seen = new Set<string>();
    expect(labelFor(seen, "A", true, 2)).toBe("A");
    expect(labelFor(seen, "B", true, 2)).toBe("B");
    expect(labelFor(seen, "C", true, 2)).toBe("other");
    expect(labelFor(seen, "A", true, 2)).toBe("A");
    expect(labelFor(seen, "not a name!", true)).toBe("other");
    expect(labelFor(seen, null, true)).toBe("unnamed");
  });
});
