// TRUSTED_PROXIES (issue 25, item 4): addresses and CIDR ranges, IPv4 and IPv6, loopback by
// default; anything else is refused at start with a message naming the entry.
import Fastify from "fastify";
import { ConfigError, loadConfig, type Env } from "../../runtime/config";

function load(env: Env): { proxies: string[] | null; problems: string[] } {
  try {
    return { proxies: loadConfig(env).servers.trustedProxies, problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { proxies: null, problems: error.problems };
    throw error;
  }
}

describe("TRUSTED_PROXIES", () => {
  it("is loopback by default", () => {
    expect(load({}).proxies).toEqual(["127.0.0.1", "::1"]);
    expect(load({ TRUSTED_PROXIES: "" }).proxies).toEqual(["127.0.0.1", "::1"]);
  });

  it("takes addresses and ranges of both families, separated by commas or spaces", () => {
    const given = "10.0.0.0/8, 192.168.1.10 fd00::/8,2001:db8::7 ::ffff:10.1.2.3 127.0.0.1/32";
    expect(load({ TRUSTED_PROXIES: given }).proxies).toEqual([
      "10.0.0.0/8",
      "192.168.1.10",
      "fd00::/8",
      "2001:db8::7",
      "::ffff:10.1.2.3",
      "127.0.0.1/32",
    ]);
    // And Fastify takes the list as it is (its proxy-addr throws on an entry it cannot read).
    expect(() => Fastify({ trustProxy: load({ TRUSTED_PROXIES: given }).proxies! })).not.toThrow();
  });

  it("refuses every bad entry at once, naming each", () => {
    const { problems } = load({
      TRUSTED_PROXIES: "lb.internal,10.0.0.0/33,fd00::/129,10.0.0.1/x,300.1.1.1,0.0.0.0/0,::/0",
    });
    expect(problems).toHaveLength(7);
    expect(problems[0]).toMatch(/TRUSTED_PROXIES: lb\.internal is not an IP address or a CIDR/);
    expect(problems[1]).toMatch(/10\.0\.0\.0\/33 has a prefix length that is not 0-32/);
    expect(problems[2]).toMatch(/fd00::\/129 has a prefix length that is not 0-128/);
    expect(problems[3]).toMatch(/10\.0\.0\.1\/x has a prefix length/);
    expect(problems[4]).toMatch(/300\.1\.1\.1 is not an IP address/);
    expect(problems[5]).toMatch(/0\.0\.0\.0\/0 trusts every address/);
    expect(problems[6]).toMatch(/::\/0 trusts every address/);
    for (const problem of problems) expect(problem).toMatch(/e\.g\. TRUSTED_PROXIES=/);
  });
});
