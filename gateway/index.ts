// The gateway: serves the committed supergraph, checks the caller's token and plans each request
// across the four subgraphs.
import fs from "node:fs";
import path from "node:path";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { HubConfig, SubgraphName } from "../subgraphs/shared/config";
import { serveGraphQL, type RunningServer } from "../subgraphs/shared/http";
import { AuthForwardingDataSource } from "./auth-data-source";
import { gatewayContext, type GatewayContext } from "./context";
import { formatGatewayError } from "./errors";

export const SUPERGRAPH_PATH = path.join(__dirname, "..", "..", "schema", "supergraph.graphql");

export interface GatewayOptions {
  port?: number;
  /** Where each subgraph listens; defaults to config.subgraphUrls. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
}

function readSupergraph(): string {
  // dist/gateway/index.js and gateway/index.ts both sit two levels below the project root.
  for (const candidate of [
    SUPERGRAPH_PATH,
    path.join(__dirname, "..", "schema", "supergraph.graphql"),
  ]) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, "utf8");
  }
  throw new Error("schema/supergraph.graphql is missing: run npm run compose");
}

export async function startGateway(
  config: HubConfig,
  options: GatewayOptions = {},
): Promise<RunningServer> {
  const urls = { ...config.subgraphUrls, ...options.subgraphUrls };
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) =>
      new AuthForwardingDataSource(name, urls[name as SubgraphName] ?? url ?? ""),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
    // Our own shutdown (tools/cli.ts) stops the server; two overlapping stop() calls never return.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  return serveGraphQL(apollo, {
    port: options.port ?? config.gatewayPort,
    host: config.bindHost,
    bodyLimitBytes: config.bodyLimitBytes,
    context: (req) => gatewayContext(req, config),
  });
}
