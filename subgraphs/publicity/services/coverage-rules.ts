// What a coverage record must be: a public http(s) link, normalised so that the same article is one
// record however its URL was typed, and a publication date that is not in the future (Shenzhen).
// Pure: unit-tested (tests/unit/coverage-rules.test.ts).
import { createHash } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { badInput } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { codePoints } from "../../shared/validation/chars";
import { LIMITS } from "./story-content";

/** Addresses no media outlet publishes at, by what they are (the message names it). */
const NOT_PUBLIC: Array<{ what: string; subnets: Array<[string, number, "ipv4" | "ipv6"]> }> = [
  {
    what: "a loopback address",
    subnets: [
      ["127.0.0.0", 8, "ipv4"],
      ["::1", 128, "ipv6"],
    ],
  },
  {
    what: "a private network address",
    subnets: [
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
      ["100.64.0.0", 10, "ipv4"],
      ["fc00::", 7, "ipv6"],
    ],
  },
  {
    what: "a link-local address",
    subnets: [
      ["169.254.0.0", 16, "ipv4"],
      ["fe80::", 10, "ipv6"],
    ],
  },
  {
    what: "a reserved address",
    subnets: [
      ["0.0.0.0", 8, "ipv4"],
      ["192.0.0.0", 24, "ipv4"],
      ["192.0.2.0", 24, "ipv4"],
      ["198.18.0.0", 15, "ipv4"],
      ["198.51.100.0", 24, "ipv4"],
      ["203.0.113.0", 24, "ipv4"],
      ["224.0.0.0", 3, "ipv4"],
      ["::", 128, "ipv6"],
      ["2001:db8::", 32, "ipv6"],
      ["ff00::", 8, "ipv6"],
    ],
  },
];
const BLOCKS = NOT_PUBLIC.map(({ what, subnets }) => {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return { what, list };
});

/** Names reserved for machines on one network (RFC 6761, RFC 6762, RFC 8375, ICANN .internal). */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa|invalid)$/;

/** Why a link's host cannot be a media outlet's (null: it can). */
function hostProblem(hostname: string): string | null {
  const address = hostname.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(address);
  if (family) {
    const type = family === 4 ? "ipv4" : "ipv6";
    const block = BLOCKS.find(({ list }) => list.check(address, type));
    return block ? `points at ${block.what} (${address})` : null;
  }
  const name = hostname.replace(/\.$/, "");
  if (LOCAL_NAMES.test(name)) return `points at a local machine name (${name})`;
  if (!name.includes(".")) return `has the host "${name}", which is not a public host name`;
  return null;
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * RFC 3986 §6.2.2: a percent-encoded unreserved character is that character ("%7E" is "~"), and
 * the hex digits of the other escapes are upper case ("%e4" is "%E4").
 */
export const normalisePercentEncoding = (text: string) =>
  text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });

/**
 * One article, one spelling. WHATWG parsing lower-cases scheme and host, drops the default port
 * and resolves dot segments (a "%2e%2e" segment too); then the fragment (a place in the page) and
 * an empty query ("…/a?") go, and escapes are normalised (RFC 3986 §6.2.2).
 */
function canonical(parsed: URL): string {
  const url = new URL(parsed.href);
  url.hash = "";
  if (url.search === "") url.search = ""; // "…/a?" has an empty query: it goes with its "?"
  return `${url.protocol}//${url.host}${normalisePercentEncoding(url.pathname)}${normalisePercentEncoding(url.search)}`;
}

const keyOf = (url: string) => createHash("sha256").update(url).digest("hex");

/**
 * The form and key of a link already stored: what the duplicate check compares. Used when keys
 * are recomputed (services/coverage-rekey.ts); null for a stored value that is not a URL.
 */
export function storedCoverageKey(stored: string): { url: string; key: string } | null {
  try {
    const url = canonical(new URL(stored));
    return { url, key: keyOf(url) };
  } catch {
    return null;
  }
}

/**
 * The URL as stored, and its key for the duplicate check: the canonical form above, so that the
 * same article is one record however its URL was typed. Only a public http(s) page of an outlet is
 * taken: no user name, no local or private host.
 */
export function normaliseCoverageUrl(raw: string): { url: string; key: string } {
  const text = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badInput(
      `url "${text}" is not a link; write it in full, e.g. https://www.sznews.com/...`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw badInput(`url must be an http(s) link; "${parsed.protocol}" links are not accepted`);
  if (!parsed.hostname) throw badInput("url has no host name");
  if (parsed.username || parsed.password)
    throw badInput("url must not carry a user name or password");
  const problem = hostProblem(parsed.hostname);
  if (problem)
    throw badInput(
      `url ${problem}, which cannot be a media outlet's page; give the article's public link, e.g. https://www.sznews.com/...`,
    );
  const url = canonical(parsed);
  if (codePoints(url) > LIMITS.url)
    throw badInput(`url is ${codePoints(url)} characters long once encoded; at most ${LIMITS.url}`);
  return { url, key: keyOf(url) };
}

/** Coverage is a past event: its date may be today (in Shenzhen) but not later. */
export function assertNotFuture(publishedOn: string, now = new Date()) {
  const latest = today(now);
  if (publishedOn > latest) {
    throw badInput(
      `publishedOn ${publishedOn} is in the future; today in Shenzhen is ${latest}, record coverage once it has appeared`,
    );
  }
}
