// Configuration is parsed once at start: every problem is collected and reported together, and the
// rest of the code receives this typed object instead of reading process.env.
export const SUBGRAPHS = ["corps", "districts", "platforms", "publicity"] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface HubConfig {
  host: string;
  /** The address servers listen on: loopback unless HOST or BIND_HOST says otherwise. */
  bindHost: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** Where the gateway finds each subgraph; defaults to http://localhost:<port>/graphql. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Where subgraphs reach the gateway for service-to-service reads (see service-client.ts). */
  gatewayUrl: string;
  /** Per-subgraph MySQL URL, or null for the embedded SQLite default. */
  databaseUrls: Record<SubgraphName, string | null>;
  dataDir: string;
  jwtSecret: string;
  jwtIssuer: string;
  tokenTtlSeconds: number;
  bodyLimitBytes: number;
  logQueries: boolean;
  production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

const DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";
const DEFAULT_PORTS: Record<SubgraphName, number> = {
  corps: 4001,
  districts: 4002,
  platforms: 4003,
  publicity: 4004,
};

/** `mysql://u:p@h:3306/hub` becomes `mysql://u:p@h:3306/hub_corps` and so on. */
export function perSubgraphDatabaseUrl(url: string, name: SubgraphName): string {
  const parsed = new URL(url);
  const base = parsed.pathname.replace(/^\//, "") || "hub";
  parsed.pathname = `/${base}_${name}`;
  return parsed.toString();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const problems: string[] = [];
  const port = (key: string, fallback: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      problems.push(`${key}=${raw} is not a port number (0-65535)`);
      return fallback;
    }
    return value;
  };
  const production = env.NODE_ENV === "production";
  const host = env.HOST || "localhost";
  const subgraphPorts = {} as Record<SubgraphName, number>;
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const databaseUrls = {} as Record<SubgraphName, string | null>;
  for (const name of SUBGRAPHS) {
    const upper = name.toUpperCase();
    subgraphPorts[name] = port(`${upper}_PORT`, DEFAULT_PORTS[name]);
    subgraphUrls[name] = env[`${upper}_URL`] || `http://${host}:${subgraphPorts[name]}/graphql`;
    const own = env[`${upper}_DATABASE_URL`];
    const shared = env.DATABASE_URL;
    const url = own || (shared ? perSubgraphDatabaseUrl(shared, name) : null);
    if (url && !/^mysql:\/\//.test(url)) {
      problems.push(`${own ? `${upper}_DATABASE_URL` : "DATABASE_URL"} must be a mysql:// URL`);
    }
    databaseUrls[name] = url;
  }

  const jwtSecret = env.JWT_SECRET || (production ? "" : DEV_SECRET);
  if (jwtSecret.length < 32) {
    problems.push("JWT_SECRET must be set to at least 32 characters (required in production)");
  }
  const ttl = Number(env.TOKEN_TTL_SECONDS || 8 * 3600);
  if (!Number.isInteger(ttl) || ttl <= 0)
    problems.push("TOKEN_TTL_SECONDS must be a positive integer");
  const bodyLimit = Number(env.BODY_LIMIT_BYTES || 5 * 1024 * 1024);
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1024) {
    problems.push("BODY_LIMIT_BYTES must be an integer of at least 1024");
  }
  const gatewayPort = port("PORT", 4000);
  if (problems.length) throw new ConfigError(problems);
  return {
    host,
    // With the default HOST (and the development secret) nothing should be reachable from outside.
    bindHost: env.BIND_HOST || (host === "localhost" ? "127.0.0.1" : host),
    gatewayPort,
    gatewayUrl: env.GATEWAY_URL || `http://${host}:${gatewayPort}/graphql`,
    subgraphPorts,
    subgraphUrls,
    databaseUrls,
    dataDir: env.DATA_DIR || "data",
    jwtSecret,
    jwtIssuer: env.JWT_ISSUER || "sme-volunteer-hub",
    tokenTtlSeconds: ttl,
    bodyLimitBytes: bodyLimit,
    logQueries: env.LOG_QUERIES === "1",
    production,
  };
}

export function usingDefaultSecret(config: HubConfig): boolean {
  return config.jwtSecret === DEV_SECRET;
}
