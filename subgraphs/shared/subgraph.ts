// Starts one subgraph: opens (and on MySQL migrates) its own database, builds its federated schema
// and serves it over HTTP (runtime/http: /graphql and /health, plus any routes of its own). Each
// subgraph's index.ts describes itself with a SubgraphDefinition.
import type { GraphQLSchema } from "graphql";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { DataSource } from "typeorm";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { graphqlRoute } from "../../runtime/http/graphql";
import { Counter, type Registry } from "prom-client";
import { graphqlMetricsPlugin } from "../../runtime/http/graphql-metrics";
import { healthRoutes, within } from "../../runtime/http/health";
import { createRegistry, metricsRoute } from "../../runtime/http/metrics";
import { httpSettings, serve, type Route } from "../../runtime/http/server";
import { createLogger, type Logger } from "../../runtime/log";
import { currentTraceId, startTracing, type Tracing } from "../../runtime/tracing";
import { tracingPlugin } from "../../runtime/tracing/graphql";
import { auditOf } from "./audit";
import { cacheEntitiesPlugin, type CacheEntities } from "./cache-entities";
import { cachePolicyPlugin, instrumentCacheHints } from "./cache-policy";
import { subgraphCredential } from "./caller";
import type { SubgraphContext } from "./context";
import { CountingLogger, openDataSource, type DataSourceSpec } from "./db";
import { armBounds } from "./db-bounds";
import { traceStatements } from "./db-tracing";
import { createFormatError } from "./format-error";
import type { SubgraphSeed } from "./seed";

export interface SubgraphDefinition<TLoaders, TRows = unknown> extends DataSourceSpec {
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(db: DataSource): TLoaders;
  /** Writes reference data every database needs (idempotent); runs at every start. */
  prepare?(db: DataSource, config?: HubConfig): Promise<void>;
  /** Its seed entry point: loads rows it is given (the demo's, from tools/ and the tests). */
  seed: SubgraphSeed<TRows>;
  /** Endpoints of this subgraph besides /graphql and /health. */
  routes?(deps: { db: DataSource; config: HubConfig; log: Logger }): Route[];
  /**
   * Jobs this subgraph runs on a timer once it serves (e.g. closing reporting months); returns
   * what stops them. Every process of the subgraph runs them: they must be safe to run at once.
   */
  jobs?(deps: { db: DataSource; config: HubConfig; log: Logger }): () => void;
  /** Entity fields anonymous answers may cache, and the mutations that report their writes. */
  cacheEntities?: CacheEntities;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  db: DataSource;
  /** SQL statements sent since start. */
  queryCount(): number;
  stop(): Promise<void>;
}

export interface StartOptions<TRows = unknown> {
  port?: number;
  /**
   * The rows an empty database is loaded with, asked for only when the database is empty and
   * config.demo.seed is on (SEED_DEMO). Without it nothing is loaded.
   */
  seedRows?: () => TRows | Promise<TRows>;
  /** Where this subgraph logs (default: a pino logger on standard output). */
  log?: Logger;
}

export async function startSubgraph<TLoaders, TRows>(
  definition: SubgraphDefinition<TLoaders, TRows>,
  config: HubConfig,
  options: StartOptions<TRows> = {},
): Promise<RunningSubgraph> {
  const log = options.log ?? createLogger(definition.name, config.log);
  const counter = new CountingLogger(log, config.databases.logQueries);
  const db = await openDataSource(definition, config, counter);
  try {
    await definition.prepare?.(db, config);
    if (options.seedRows && config.demo.seed && (await definition.seed.isEmpty(db)))
      await definition.seed.load(db, await options.seedRows());
    // Migrated and seeded: from now on every statement and transaction keeps to the budget.
    armBounds(db);
    const tracing = startTracing(config.tracing, `hub-${definition.name}`);
    traceStatements(db, tracing);
    const registry = createRegistry(definition.name);
    countStatements(registry, counter);
    const apollo = await startApollo(definition, config, { log, registry, tracing });
    let stopJobs = () => {};
    const server = await serve({
      port: options.port ?? config.servers.subgraphPorts[definition.name],
      host: config.servers.bindHost,
      bodyLimitBytes: config.limits.bodyLimitBytes,
      log,
      http: httpSettings(config),
      tracing,
      routes: routesOf(definition, config, { apollo, db, log, registry }),
      onStop: async () => {
        stopJobs();
        await apollo.stop();
        await db.destroy();
        await tracing.shutdown();
      },
    });
    stopJobs = definition.jobs?.({ db, config, log }) ?? stopJobs;
    return {
      name: definition.name,
      url: server.url,
      db,
      queryCount: () => counter.count,
      stop: () => server.stop(),
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** hub_sql_statements_total: the statements the counting logger has seen, read at each scrape. */
function countStatements(registry: Registry, counter: CountingLogger) {
  let reported = 0;
  new Counter({
    name: "hub_sql_statements_total",
    help: "SQL statements this subgraph has sent to its database",
    registers: [registry],
    collect() {
      this.inc(counter.count - reported);
      reported = counter.count;
    },
  });
}

/** The subgraph's Apollo Server on its federated schema, started. */
async function startApollo<TLoaders, TRows>(
  definition: SubgraphDefinition<TLoaders, TRows>,
  config: HubConfig,
  deps: { log: Logger; registry: Registry; tracing: Tracing },
) {
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    // Cache hints reach the header without Apollo's per-field hook, and the listed entity types'
    // fields report to cacheEntitiesPlugin (cache-policy.ts).
    schema: instrumentCacheHints(
      await definition.buildSchema(),
      Object.keys(definition.cacheEntities?.public ?? {}),
    ),
    formatError: createFormatError(deps.log, definition.name),
    introspection: config.ide.introspection,
    includeStacktraceInErrorResponses: false,
    // Our own shutdown (tools/cli.ts) stops the server; two overlapping stop() calls never return.
    stopOnTerminationSignals: false,
    // No landing page: Apollo's loads Sandbox from a CDN, and subgraphs are not for browsers.
    plugins: [
      ...(definition.cacheEntities
        ? [cacheEntitiesPlugin(definition.cacheEntities, config.cache.ttlSeconds)]
        : []),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // Cache-Control as Apollo's plugin writes it, without its hook on every field.
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin<SubgraphContext<TLoaders>>(),
      // The caller the gateway's credential names: an anonymous one's names are not labels.
      graphqlMetricsPlugin(deps.registry, (ctx) => Boolean(ctx.contextValue?.caller)),
      ...(deps.tracing.enabled ? [tracingPlugin<SubgraphContext<TLoaders>>(deps.tracing)] : []),
    ],
  });
  await apollo.start();
  return apollo;
}

/** /graphql (the context built from the gateway's credential), /health, /metrics and its own. */
function routesOf<TLoaders, TRows>(
  definition: SubgraphDefinition<TLoaders, TRows>,
  config: HubConfig,
  deps: {
    apollo: ApolloServer<SubgraphContext<TLoaders>>;
    db: DataSource;
    log: Logger;
    registry: Registry;
  },
): Route[] {
  const { apollo, db, log, registry } = deps;
  return [
    graphqlRoute(
      apollo,
      async (request) => {
        const { caller, requestId } = await subgraphCredential(request, definition.name, config);
        const traceId = currentTraceId();
        return {
          caller,
          audit: auditOf(caller, requestId, traceId),
          db,
          config,
          loaders: definition.createLoaders(db),
          log,
          requestId,
          traceId,
        };
      },
      // No brace-depth scan before parsing: the credential, checked first (the context is
      // built before the document is parsed), admits only bodies the gateway built from a
      // document it had scanned and parsed itself.
    ),
    ...healthRoutes(log, {
      own: async () => {
        await within(1000, "the database", () => db.query("SELECT 1"));
        return { subgraph: definition.name };
      },
    }),
    ...metricsRoute(registry, config.metrics),
    ...(definition.routes?.({ db, config, log }) ?? []),
  ];
}
