// Where each process listens and where the others find it.
import { SUBGRAPHS, type SubgraphName } from "./subgraphs";
import { trustedProxiesOf } from "./proxies";
import { integer, value, type Env, type Problems } from "./read";

export interface ServersConfig {
  /** Host name used in the default URLs and the printed ones. */
  host: string;
  /** The address servers listen on: loopback unless HOST or BIND_HOST says otherwise. */
  bindHost: string;
  gatewayPort: number;
  /**
   * Gateway processes sharing its port (GATEWAY_WORKERS, Node cluster), for machines with more
   * cores than one JavaScript thread can use; 1 by default. More than 1 needs REDIS_URL.
   */
  gatewayWorkers: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Where the gateway finds each subgraph; defaults to http://<host>:<port>/graphql. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Where subgraphs reach the gateway for service-to-service reads (service-client.ts). */
  gatewayUrl: string;
  /** How long every server keeps an idle keep-alive connection open. */
  keepAliveTimeoutMs: number;
  /**
   * How long the gateway keeps an idle pooled connection to a subgraph: shorter than the
   * subgraphs' keep-alive timeout, so that the gateway, not the subgraph, closes it.
   */
  subgraphIdleTimeoutMs: number;
  /**
   * Where the public reaches the gateway (PUBLIC_URL), without a trailing slash: every link the hub
   * hands out (the feed's) is built from it, never from a request's Host or X-Forwarded-* headers,
   * which the client controls. GATEWAY_URL is not it: that is the internal address subgraphs use.
   */
  publicUrl: string;
  /**
   * Peers whose X-Forwarded-For names the client (TRUSTED_PROXIES: addresses and CIDR ranges;
   * default loopback): the address the gateway's anonymous budgets are kept by (proxies.ts).
   */
  trustedProxies: string[];
}

export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  corps: 4001,
  districts: 4002,
  platforms: 4003,
  publicity: 4004,
};

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The ports the Fetch standard calls "bad ports" (https://fetch.spec.whatwg.org/#bad-port):
 * browsers and Node's own fetch refuse to connect to them ("bad port"), so the dashboard page,
 * GraphiQL and the subgraphs' service client could never reach a gateway listening on one.
 */
export const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

const badPortProblem = (what: string, port: number) =>
  `${what} uses port ${port}, a "bad port" of the Fetch standard: browsers and Node's fetch ` +
  `refuse to connect to it, so the dashboard, GraphiQL and the subgraphs could not reach the ` +
  `gateway. Choose another port (the default is 4000)`;

/** The port of a URL as written or implied by its scheme; null when it is not a URL. */
function urlPort(url: string): number | null {
  try {
    const parsed = new URL(url);
    return Number(parsed.port || (parsed.protocol === "https:" ? 443 : 80));
  } catch {
    return null;
  }
}

const port = (env: Env, problems: Problems, key: string, fallback: number) =>
  integer(env, problems, key, fallback, { min: 0, max: 65535, what: "a port number (0-65535)" });

/**
 * PUBLIC_URL: an http(s) origin, optionally with a path prefix (a proxy serving the hub under
 * /hub); no user name, query or fragment. Returned without a trailing slash.
 */
export function publicUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http(s) URL";
  if (!url.hostname) return "has no host";
  if (url.username || url.password) return "must not carry a user name or password";
  if (url.search || url.hash || /[?#]/.test(raw)) return "must not have a query or a fragment";
  // The path as written (the URL parser would quietly resolve %2e%2e or dot segments).
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(raw)?.[1] || "/";
  if (!/^(\/[A-Za-z0-9._~-]+)*\/?$/.test(path) || /\/\.\.?(\/|$)/.test(path))
    return "may have a plain path prefix only, e.g. https://sme.sz.gov.cn/hub";
  return null;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

export function serversSection(env: Env, problems: Problems): ServersConfig {
  const host = value(env, "HOST") ?? "localhost";
  const gatewayPort = port(env, problems, "PORT", 4000);
  const subgraphPorts = {} as Record<SubgraphName, number>;
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    const upper = name.toUpperCase();
    subgraphPorts[name] = port(env, problems, `${upper}_PORT`, DEFAULT_PORTS[name]);
    subgraphUrls[name] =
      value(env, `${upper}_URL`) ?? `http://${host}:${subgraphPorts[name]}/graphql`;
  }
  // Clients of the gateway (browsers, the service client) use fetch; subgraphs are reached by
  // the gateway's own HTTP agent and npm start's probe, neither of which has this restriction.
  if (FETCH_BAD_PORTS.has(gatewayPort))
    problems.add(badPortProblem(`PORT=${gatewayPort}`, gatewayPort));
  const gatewayUrl = value(env, "GATEWAY_URL") ?? `http://${host}:${gatewayPort}/graphql`;
  const gatewayUrlPort = value(env, "GATEWAY_URL") ? urlPort(gatewayUrl) : null;
  if (gatewayUrlPort !== null && FETCH_BAD_PORTS.has(gatewayUrlPort))
    problems.add(badPortProblem(`GATEWAY_URL=${gatewayUrl}`, gatewayUrlPort));
  const keepAliveTimeoutMs = integer(env, problems, "KEEP_ALIVE_TIMEOUT_MS", 5000, {
    min: 1000,
    max: 600_000,
    what: "a number of milliseconds from 1000 to 600000",
  });
  const subgraphIdleTimeoutMs = integer(
    env,
    problems,
    "SUBGRAPH_IDLE_TIMEOUT_MS",
    keepAliveTimeoutMs - 1000,
    { min: 100, max: 600_000, what: "a number of milliseconds from 100 to 600000" },
  );
  if (subgraphIdleTimeoutMs >= keepAliveTimeoutMs)
    problems.add(
      `SUBGRAPH_IDLE_TIMEOUT_MS=${subgraphIdleTimeoutMs} must be shorter than KEEP_ALIVE_TIMEOUT_MS=${keepAliveTimeoutMs}: ` +
        "a subgraph that closes an idle connection first makes the gateway send on a dead socket",
    );
  const bracketed = host.includes(":") ? `[${host}]` : host;
  let publicUrl = `http://${bracketed}:${gatewayPort}`;
  const givenPublicUrl = value(env, "PUBLIC_URL");
  if (givenPublicUrl !== undefined) {
    const problem = publicUrlProblem(givenPublicUrl);
    if (problem)
      problems.add(
        `PUBLIC_URL=${givenPublicUrl} ${problem}; give where the public reaches the gateway, e.g. https://sme.sz.gov.cn`,
      );
    else publicUrl = withoutTrailingSlash(new URL(givenPublicUrl).toString());
  } else if (publicUrlProblem(publicUrl)) {
    problems.add(`HOST=${host} makes no URL (http://${bracketed}:${gatewayPort}); set PUBLIC_URL`);
  }
  return {
    host,
    // With the default HOST (and the development secret) nothing should be reachable from outside.
    bindHost: value(env, "BIND_HOST") ?? (host === "localhost" ? "127.0.0.1" : host),
    gatewayPort,
    gatewayWorkers: integer(env, problems, "GATEWAY_WORKERS", 1, {
      min: 1,
      max: 64,
      what: "the number of gateway processes, 1-64",
    }),
    gatewayUrl,
    subgraphPorts,
    subgraphUrls,
    keepAliveTimeoutMs,
    subgraphIdleTimeoutMs,
    publicUrl,
    trustedProxies: trustedProxiesOf(env, problems),
  };
}
