// One database per subgraph: an SQLite file under DATA_DIR, or a MySQL/MariaDB database.
import { SUBGRAPHS, type SubgraphName } from "./subgraphs";
import { flag, value, type Env, type Problems } from "./read";

export interface DatabasesConfig {
  /** Per-subgraph MySQL URL, or null for the embedded SQLite default. */
  urls: Record<SubgraphName, string | null>;
  /** Folder of the SQLite files. */
  dataDir: string;
  /** Print every SQL statement. */
  logQueries: boolean;
}

/** `mysql://u:p@h:3306/hub` becomes `mysql://u:p@h:3306/hub_corps` and so on. */
export function perSubgraphDatabaseUrl(url: string, name: SubgraphName): string {
  const parsed = new URL(url);
  const base = parsed.pathname.replace(/^\//, "") || "hub";
  parsed.pathname = `/${base}_${name}`;
  return parsed.toString();
}

export function databasesSection(env: Env, problems: Problems): DatabasesConfig {
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
  };
}
