// Configuration is parsed once at start, in sections per concern; every problem is collected and
// reported together. This module is the only reader of process.env: the rest of the code receives
// the typed HubConfig.
import { authSection, type AuthConfig } from "./auth";
import { cacheSection, redisSection, type CacheConfig, type RedisConfig } from "./cache";
import { clinicSection, type ClinicConfig } from "./clinic";
import { databasesSection, type DatabasesConfig } from "./databases";
import { demandDeadlinesSection, type DemandDeadlinesConfig } from "./demand-deadlines";
import { demoSection, type DemoConfig } from "./demo";
import { ideSection, type IdeConfig } from "./ide";
import { importSection, type ImportConfig } from "./import";
import { idempotencySection, type IdempotencyConfig } from "./idempotency";
import { identitySection, type IdentityConfig, type OidcConfig } from "./identity";
import { feedSection, type FeedConfig } from "./feed";
import { limitsSection, type LimitsConfig } from "./limits";
import { logSection, type LogConfig } from "./log";
import { metricsSection, type MetricsConfig } from "./metrics";
import { Problems, value, type Env } from "./read";
import { selfServiceSection, type SelfServiceConfig } from "./self-service";
import { rateLimitsSection, type RateLimitsConfig } from "./rate-limits";
import { reportsSection, type ReportsConfig } from "./reports";
import { isLoopback, serversSection, type ServersConfig } from "./servers";
import { subgraphCallsSection, type SubgraphCallsConfig } from "./subgraph-calls";
import { tracingSection, type TracingConfig } from "./tracing";
import { trustedDocumentsSection, type TrustedDocumentsConfig } from "./trusted-documents";
import { xlsxSection, type XlsxConfig } from "./xlsx";

export { SUBGRAPHS, type SubgraphName } from "./subgraphs";
export { perSubgraphDatabaseUrl } from "./databases";
export { FETCH_BAD_PORTS, isLoopback } from "./servers";
export { DEFAULT_TRUSTED_PROXIES } from "./proxies";
export type {
  AuthConfig,
  CacheConfig,
  ClinicConfig,
  RedisConfig,
  DatabasesConfig,
  DemandDeadlinesConfig,
  DemoConfig,
  Env,
  IdeConfig,
  IdempotencyConfig,
  IdentityConfig,
  ImportConfig,
  OidcConfig,
  FeedConfig,
  LimitsConfig,
  LogConfig,
  MetricsConfig,
  RateLimitsConfig,
  SelfServiceConfig,
  ServersConfig,
  SubgraphCallsConfig,
  TracingConfig,
  TrustedDocumentsConfig,
  XlsxConfig,
};
export type { TrustedDocumentsMode } from "./trusted-documents";
export type { StepDays } from "./demand-deadlines";

export interface HubConfig {
  /** NODE_ENV=production: a secret is required; introspection and GraphiQL are off unless asked. */
  production: boolean;
  servers: ServersConfig;
  subgraphCalls: SubgraphCallsConfig;
  databases: DatabasesConfig;
  auth: AuthConfig;
  /** Sign-in through an OpenID Connect provider (OIDC_ISSUER), or the development one. */
  identity: IdentityConfig;
  limits: LimitsConfig;
  rateLimits: RateLimitsConfig;
  redis: RedisConfig;
  cache: CacheConfig;
  idempotency: IdempotencyConfig;
  ide: IdeConfig;
  log: LogConfig;
  metrics: MetricsConfig;
  demo: DemoConfig;
  feed: FeedConfig;
  clinic: ClinicConfig;
  /** 督办: working days each open step of a demand has (DEMAND_*_DAYS). */
  demandDeadlines: DemandDeadlinesConfig;
  /** Excel downloads' worker threads (XLSX_WORKERS, XLSX_QUEUE). */
  xlsx: XlsxConfig;
  /** Closing reporting months, and the stations' assessment weights (docs/reports.md). */
  reports: ReportsConfig;
  /** Volunteers' stars and the personal-data access log (docs/self-service.md). */
  selfService: SelfServiceConfig;
  /** Which documents the gateway runs for which callers (TRUSTED_DOCUMENTS). */
  trustedDocuments: TrustedDocumentsConfig;
  /** OpenTelemetry traces (the SDK's OTEL_* variables); off unless an endpoint is set. */
  tracing: TracingConfig;
  /** What the command-line tools need from their environment. */
  cli: { workingDir: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

export function loadConfig(env: Env = process.env): HubConfig {
  const problems = new Problems();
  const production = value(env, "NODE_ENV") === "production";
  const servers = serversSection(env, problems);
  const subgraphCalls = subgraphCallsSection(env, problems);
  const config: HubConfig = {
    production,
    servers,
    subgraphCalls,
    databases: databasesSection(env, problems, subgraphCalls.timeoutMs),
    auth: authSection(env, problems, production),
    identity: identitySection(env, problems, production, servers.host),
    limits: limitsSection(env, problems),
    rateLimits: rateLimitsSection(env, problems),
    redis: redisSection(env, problems),
    cache: cacheSection(env, problems),
    idempotency: idempotencySection(env, problems),
    ide: ideSection(env, problems, production),
    log: logSection(env, problems),
    metrics: metricsSection(env, problems, production),
    demo: demoSection(env, problems),
    feed: feedSection(env, problems),
    clinic: clinicSection(env, problems, servers.publicUrl),
    demandDeadlines: demandDeadlinesSection(env, problems),
    xlsx: xlsxSection(env, problems),
    reports: reportsSection(env, problems),
    selfService: selfServiceSection(env, problems),
    trustedDocuments: trustedDocumentsSection(env, problems, production),
    tracing: tracingSection(env, problems),
    // npm sets INIT_CWD to where `npm run` was typed; file arguments are relative to it.
    cli: { workingDir: value(env, "INIT_CWD") ?? process.cwd() },
  };
  checkDevSecret(config, problems);
  if (config.metrics.token !== null && config.metrics.token === config.auth.jwtSecret)
    problems.add(
      "METRICS_TOKEN must not be JWT_SECRET: the scraper gets a token of its own, and whoever " +
        "holds JWT_SECRET can sign tokens for any role",
    );
  if (config.servers.gatewayWorkers > 1 && !config.redis.url)
    problems.add(
      `GATEWAY_WORKERS=${config.servers.gatewayWorkers} needs REDIS_URL: the workers must spend ` +
        `from one rate budget and serve and invalidate one response cache, which in memory each ` +
        `would keep apart (a publish through one worker would not refresh another's answers)`,
    );
  if (problems.list.length) throw new ConfigError(problems.list);
  return config;
}

/**
 * The development secret is public (it is in the source): on a server other machines can reach,
 * anyone could sign a CITY_ADMIN token with it. It is only accepted on loopback.
 */
function checkDevSecret(config: HubConfig, problems: Problems) {
  const { bindHost } = config.servers;
  if (!config.auth.usingDevSecret || isLoopback(bindHost)) return;
  problems.add(
    `JWT_SECRET is not set (or is the built-in development secret), but the servers ` +
      `would listen on ${bindHost} (HOST/BIND_HOST), where other machines reach them: the ` +
      `development secret is public, and anyone could sign a CITY_ADMIN token with it. Set ` +
      `JWT_SECRET to a secret of your own (at least 32 characters; e.g. openssl rand -base64 48), ` +
      `or listen on loopback only (BIND_HOST=127.0.0.1)`,
  );
}

/**
 * What a client tool such as the import CLI needs: where the gateway is and where the user typed
 * the command, and how many rows one import file may hold. Unlike loadConfig it needs no secret: the tool sends the user's own token.
 */
export function loadClientConfig(env: Env = process.env) {
  const problems = new Problems();
  const servers = serversSection(env, problems);
  const imports = importSection(env, problems);
  if (problems.list.length) throw new ConfigError(problems.list);
  return {
    gatewayUrl: servers.gatewayUrl,
    workingDir: value(env, "INIT_CWD") ?? process.cwd(),
    importMaxRows: imports.maxRows,
  };
}

/** The environment of a child process: this one's, with some variables set. */
export const childEnv = (
  overrides: Record<string, string>,
): Record<string, string | undefined> => ({
  ...process.env,
  ...overrides,
});

/** This process's configuration with some variables set or replaced (tests, tools). */
export const loadConfigWith = (overrides: Env): HubConfig =>
  loadConfig({ ...process.env, ...overrides });
