// The gateway, assembled: the committed supergraph, one data source per subgraph, the plugins and
// the route table. Each feature lives in its own file under datasource.ts, plugins/ and routes/.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { HubConfig, SubgraphName } from "../runtime/config";
import { httpSettings, serve, type RunningServer } from "../runtime/http/server";
import { createLogger, RepeatFilter, type Logger } from "../runtime/log";
import type { GatewayContext } from "./context";
import { SubgraphDataSource } from "./datasource";
import { createSubgraphFetcher } from "./subgraph-fetcher";
import { gatewayPlugins } from "./plugins";
import { gatewayRoutes } from "./routes";
import { createSharedStore } from "./shared-store";
import { readSupergraph } from "./supergraph";

export interface GatewayOptions {
  port?: number;
  /** Where each subgraph listens; defaults to config.servers.subgraphUrls. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  /** Where the gateway logs (default: a pino logger on standard output). */
  log?: Logger;
  /** Where the built dashboard page is (default: dist/dashboard). */
  dashboardDir?: string;
}

export async function startGateway(
  config: HubConfig,
  options: GatewayOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger("gateway", config.log);
  const urls = { ...config.servers.subgraphUrls, ...options.subgraphUrls };
  const store = createSharedStore(config.redis, log);
  const repeats = new RepeatFilter(log, config.log.repeatsPerMinute);
  const subgraphHttp = createSubgraphFetcher({
    idleTimeoutMs: config.servers.subgraphIdleTimeoutMs,
  });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        name,
        urls[name as SubgraphName] ?? url ?? "",
        log,
        repeats,
        subgraphHttp.fetcher,
      ),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    plugins: gatewayPlugins({ config, log, store }),
    // Our own shutdown (tools/cli.ts) stops the server; two overlapping stop() calls never return.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  return serve({
    port: options.port ?? config.servers.gatewayPort,
    host: config.servers.bindHost,
    bodyLimitBytes: config.limits.bodyLimitBytes,
    log,
    http: httpSettings(config),
    routes: gatewayRoutes({ config, log, apollo, dashboardDir: options.dashboardDir }),
    onStop: async () => {
      await apollo.stop();
      await store.close();
      subgraphHttp.close();
    },
  });
}
