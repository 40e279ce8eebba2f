// Where each process listens and where the others find it.
import { SUBGRAPHS, type SubgraphName } from "./subgraphs";
import { integer, value, type Env, type Problems } from "./read";

export interface ServersConfig {
  /** Host name used in the default URLs and the printed ones. */
  host: string;
  /** The address servers listen on: loopback unless HOST or BIND_HOST says otherwise. */
  bindHost: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Where the gateway finds each subgraph; defaults to http://<host>:<port>/graphql. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Where subgraphs reach the gateway for service-to-service reads (service-client.ts). */
  gatewayUrl: string;
  /**
   * Where the public reaches the gateway (PUBLIC_URL), without a trailing slash: every link the hub
   * hands out (the feed's) is built from it, never from a request's Host or X-Forwarded-* headers,
   * which the client controls. GATEWAY_URL is not it: that is the internal address subgraphs use.
   */
  publicUrl: string;
}

export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  corps: 4001,
  districts: 4002,
  platforms: 4003,
  publicity: 4004,
};

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
    gatewayUrl: value(env, "GATEWAY_URL") ?? `http://${host}:${gatewayPort}/graphql`,
    subgraphPorts,
    subgraphUrls,
    publicUrl,
  };
}
