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

const port = (env: Env, problems: Problems, key: string, fallback: number) =>
  integer(env, problems, key, fallback, { min: 0, max: 65535, what: "a port number (0-65535)" });

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
  return {
    host,
    // With the default HOST (and the development secret) nothing should be reachable from outside.
    bindHost: value(env, "BIND_HOST") ?? (host === "localhost" ? "127.0.0.1" : host),
    gatewayPort,
    gatewayUrl: value(env, "GATEWAY_URL") ?? `http://${host}:${gatewayPort}/graphql`,
    subgraphPorts,
    subgraphUrls,
  };
}
