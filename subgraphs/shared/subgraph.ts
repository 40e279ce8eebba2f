// Starts one subgraph: opens (and on MySQL migrates) its own database, builds its federated schema
// and serves it over HTTP. Each subgraph's index.ts describes itself with a SubgraphDefinition.
import type { GraphQLSchema } from "graphql";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type { DataSource } from "typeorm";
import { callerFromHeader } from "./auth";
import type { HubConfig, SubgraphName } from "./config";
import type { SubgraphContext } from "./context";
import { CountingLogger, openDataSource, type DataSourceSpec } from "./db";
import { formatError } from "./errors";
import { serveGraphQL } from "./http";

export interface SubgraphDefinition<TLoaders> extends DataSourceSpec {
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(db: DataSource): TLoaders;
  /** Writes reference data every database needs (idempotent); runs at every start. */
  prepare?(db: DataSource): Promise<void>;
  /** Loads the demo data into an empty database; returns false when data was already there. */
  seedIfEmpty(db: DataSource): Promise<boolean>;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  db: DataSource;
  /** SQL statements sent since start. */
  queryCount(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Load the demo data when the database is empty (default true). */
  seed?: boolean;
}

export async function startSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  config: HubConfig,
  options: StartOptions = {},
): Promise<RunningSubgraph> {
  const logger = new CountingLogger(definition.name, config.logQueries);
  const db = await openDataSource(definition, config, logger);
  try {
    await definition.prepare?.(db);
    if (options.seed !== false) await definition.seedIfEmpty(db);
    const schema = await definition.buildSchema();
    const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
      schema,
      formatError,
      introspection: !config.production,
      includeStacktraceInErrorResponses: false,
      // Our own shutdown (tools/cli.ts) stops the server; two overlapping stop() calls never return.
      stopOnTerminationSignals: false,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    const server = await serveGraphQL(apollo, {
      port: options.port ?? config.subgraphPorts[definition.name],
      host: config.bindHost,
      bodyLimitBytes: config.bodyLimitBytes,
      context: async (req) => ({
        caller: await callerFromHeader(req.headers.authorization, config),
        authorization: req.headers.authorization,
        db,
        config,
        loaders: definition.createLoaders(db),
      }),
      health: async () => {
        await db.query("SELECT 1");
        return { subgraph: definition.name };
      },
    });
    return {
      name: definition.name,
      url: server.url,
      db,
      queryCount: () => logger.count,
      async stop() {
        await server.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
