// TRUSTED_PROXIES: the peers whose X-Forwarded-For says who the client is. The gateway's budgets
// for anonymous callers are kept per client address: behind a load balancer on another host that
// is not listed, every member of the public would be the balancer's address and share one budget;
// a peer that is listed but should not be could name any address and escape its own.
import { isIP } from "node:net";
import { value, type Env, type Problems } from "./read";

/** Loopback only: a proxy on the same machine (the default). */
export const DEFAULT_TRUSTED_PROXIES = ["127.0.0.1", "::1"];

/** What is wrong with one entry (an address, or a CIDR range address/prefix), or null. */
export function proxyEntryProblem(entry: string): string | null {
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length)
    return "is not an IP address or a CIDR range (host names are not accepted)";
  if (prefix === undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)
    return `has a prefix length that is not 0-${bits}`;
  if (Number(prefix) === 0)
    return "trusts every address: any client could name any address in X-Forwarded-For";
  return null;
}

/** The trusted proxies: addresses and CIDR ranges, IPv4 or IPv6, separated by commas or spaces. */
export function trustedProxiesOf(env: Env, problems: Problems): string[] {
  const raw = value(env, "TRUSTED_PROXIES");
  if (raw === undefined) return DEFAULT_TRUSTED_PROXIES;
  const entries = raw.split(/[\s,]+/).filter(Boolean);
  const bad = entries
    .map((entry) => [entry, proxyEntryProblem(entry)] as const)
    .filter(([, problem]) => problem !== null);
  for (const [entry, problem] of bad)
    problems.add(
      `TRUSTED_PROXIES: ${entry} ${problem}; list the proxies' addresses or ranges, e.g. ` +
        `TRUSTED_PROXIES=127.0.0.1,::1,10.0.0.0/8`,
    );
  return bad.length || !entries.length ? DEFAULT_TRUSTED_PROXIES : entries;
}
