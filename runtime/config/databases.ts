// One database per subgraph: an SQLite file under DATA_DIR, or a MySQL/MariaDB database, and the
// time a statement or a transaction may take there, which must end before the gateway gives up on
// the subgraph: then an answer saying a write failed is true (the subgraph rolled back first).
import { SUBGRAPHS, type SubgraphName } from "./subgraphs";
import { flag, integer, value, type Env, type Problems } from "./read";

export interface DatabasesConfig {
  /** Per-subgraph MySQL URL, or null for the embedded SQLite default. */
  urls: Record<SubgraphName, string | null>;
  /** Folder of the SQLite files. */
  dataDir: string;
  /** Print every SQL statement. */
  logQueries: boolean;
  /**
   * The longest one statement, or one transaction from its start to its commit, may take, per
   * subgraph (<NAME>_DB_TIMEOUT_MS, else DB_TIMEOUT_MS, else half the gateway's time limit for
   * that subgraph). SQLite waits this long for another writer's lock; MySQL/MariaDB statements
   * are bounded by the server and by the subgraph, which cuts the connection (the server rolls
   * back) when the database does not answer at all.
   */
  timeoutMs: Record<SubgraphName, number>;
}

/** `mysql://u:p@h:3306/hub` becomes `mysql://u:p@h:3306/hub_corps` and so on. */
export function perSubgraphDatabaseUrl(url: string, name: SubgraphName): string {
  const parsed = new URL(url);
  const base = parsed.pathname.replace(/^\//, "") || "hub";
  parsed.pathname = `/${base}_${name}`;
  return parsed.toString();
}

/** `gatewayTimeoutMs`: the gateway's time limit per subgraph (config.subgraphCalls.timeoutMs). */
export function databasesSection(
  env: Env,
  problems: Problems,
  gatewayTimeoutMs: Record<SubgraphName, number>,
): DatabasesConfig {
  const urls = {} as Record<SubgraphName, string | null>;
  for (const name of SUBGRAPHS) {
    const key = `${name.toUpperCase()}_DATABASE_URL`;
    const own = value(env, key);
    const shared = value(env, "DATABASE_URL");
    let url: string | null = null;
    try {
      url = own ?? (shared ? perSubgraphDatabaseUrl(shared, name) : null);
    } catch {
      problems.add(`${own ? key : "DATABASE_URL"} is not a URL`);
    }
    if (url && !/^mysql:\/\//.test(url))
      problems.add(`${own ? key : "DATABASE_URL"} must be a mysql:// URL`);
    urls[name] = url;
  }
  return {
    urls,
    dataDir: value(env, "DATA_DIR") ?? "data",
    logQueries: flag(env, problems, "LOG_QUERIES", false),
    timeoutMs: databaseTimeouts(env, problems, gatewayTimeoutMs),
  };
}

function databaseTimeouts(
  env: Env,
  problems: Problems,
  gatewayTimeoutMs: Record<SubgraphName, number>,
): Record<SubgraphName, number> {
  const ms = (key: string, fallback: number) =>
    integer(env, problems, key, fallback, {
      min: 100,
      max: 600_000,
      what: "a number of milliseconds from 100 to 600000",
    });
  const shared = value(env, "DB_TIMEOUT_MS") ? ms("DB_TIMEOUT_MS", 0) : null;
  const timeoutMs = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPHS) {
    const own = `${name.toUpperCase()}_DB_TIMEOUT_MS`;
    const gateway = gatewayTimeoutMs[name];
    timeoutMs[name] = ms(own, shared ?? Math.max(100, Math.floor(gateway / 2)));
    if (timeoutMs[name] < gateway) continue;
    const key = value(env, own) ? own : shared !== null ? "DB_TIMEOUT_MS" : `the default ${own}`;
    problems.add(
      `${key}=${timeoutMs[name]} must be below the gateway's time limit for ${name} ` +
        `(${gateway} ms): the subgraph must roll back and answer before the gateway gives up ` +
        `on it, or a client told "nothing was written" could find the write committed`,
    );
  }
  return timeoutMs;
}
