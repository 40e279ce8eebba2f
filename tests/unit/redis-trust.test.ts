// Redis is not trusted to say what the gateway answers (issue 25, item 10): cached entries are
// signed with a key derived from the hub's secret and bound to their key and expiry; REDIS_URL
// takes a password and rediss:// (TLS), and its problems never repeat the password.
import { ConfigError, loadConfig, type Env } from "../../runtime/config";
import { ioredisTls, keyvConnection } from "../../gateway/redis-connection";
import { cacheSigningKey, openEntry, signEntry } from "../../gateway/signed-cache";

const KEY = cacheSigningKey("test-secret-that-is-long-enough-for-hs256-0123");
const ANSWER = JSON.stringify({ data: { caseStories: { totalCount: 3 } } });

describe("signed cache entries", () => {
  it("open to the value they were signed with", () => {
    const stored = signEntry(KEY, "fqc:abc", ANSWER, 30);
    expect(stored.endsWith(ANSWER)).toBe(true);
    expect(openEntry(KEY, "fqc:abc", stored)).toEqual({ value: ANSWER });
    expect(openEntry(KEY, "v", signEntry(KEY, "v", "token"))).toEqual({ value: "token" });
  });

  it.each([
    ["unsigned (plain JSON)", (s: string) => s.slice(s.indexOf("{"))],
    ["with its value changed", (s: string) => s.replace('"totalCount":3', '"totalCount":4')],
    ["with its expiry moved", (s: string) => s.replace(/^hub1\.\d+/, "hub1.99999999999999")],
    [
      "with its signature changed",
      (s: string) => {
        const [format, expires, mac, ...value] = s.split(".");
        return [format, expires, (mac[0] === "A" ? "B" : "A") + mac.slice(1), ...value].join(".");
      },
    ],
    ["empty", () => ""],
  ])("are refused %s", (_, tamper) => {
    const stored = signEntry(KEY, "fqc:abc", ANSWER, 30);
    expect(openEntry(KEY, "fqc:abc", tamper(stored))).toEqual({ problem: "unsigned or tampered" });
  });

  it("are refused under another key, or signed with another secret", () => {
    const stored = signEntry(KEY, "fqc:private-scope", ANSWER, 30);
    expect(openEntry(KEY, "fqc:anonymous", stored)).toEqual({ problem: "unsigned or tampered" });
    const other = cacheSigningKey("another-secret-that-is-long-enough-0123456");
    expect(openEntry(other, "fqc:private-scope", stored)).toEqual({
      problem: "unsigned or tampered",
    });
  });

  it("expire when their time is up", () => {
    const stored = signEntry(KEY, "k", ANSWER, 30);
    expect(openEntry(KEY, "k", stored, Date.now() + 31_000)).toEqual({ problem: "expired" });
  });
});

function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("REDIS_URL and REDIS_TLS_CA_FILE", () => {
  it("take a password and TLS", () => {
    const config = loadConfig({
      REDIS_URL: "rediss://:p%40ss@redis.internal:6380/2",
      REDIS_TLS_CA_FILE: "/etc/hub/redis-ca.pem",
    }).redis;
    expect(config).toMatchObject({
      url: "rediss://:p%40ss@redis.internal:6380/2",
      tlsCaFile: "/etc/hub/redis-ca.pem",
    });
    expect(keyvConnection({ ...config, url: config.url!, tlsCaFile: null })).toEqual({
      url: "rediss://:p%40ss@redis.internal:6380/2",
      socket: { tls: true },
    });
    expect(ioredisTls({ ...config, tlsCaFile: null }).tls).toEqual({});
    expect(ioredisTls({ ...config, url: "redis://127.0.0.1:6379", tlsCaFile: null })).toEqual({});
  });

  it("refuse what is not a Redis URL, without repeating its password", () => {
    for (const url of ["http://:secret-pw@h:6379", "redis://:secret-pw@h:6379/x", "secret-pw"]) {
      const problems = problemsOf({ REDIS_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/REDIS_URL/);
      expect(problems[0]).not.toContain("secret-pw");
    }
  });

  it("refuse a CA file without TLS, and say when it cannot be read", () => {
    expect(problemsOf({ REDIS_URL: "redis://h:6379", REDIS_TLS_CA_FILE: "/x.pem" })[0]).toMatch(
      /REDIS_TLS_CA_FILE is for a Redis reached over TLS/,
    );
    const config = loadConfig({ REDIS_URL: "rediss://h:6379", REDIS_TLS_CA_FILE: "/nope.pem" });
    expect(() => ioredisTls(config.redis)).toThrow(/REDIS_TLS_CA_FILE=\/nope.pem cannot be read/);
  });
});
