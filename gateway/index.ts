// The gateway, assembled: the committed supergraph, one data source per subgraph, the plugins and
// the route table. Each feature lives in its own file under datasource.ts, plugins/ and routes/.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import type { HubConfig, SubgraphName } from "../runtime/config";
import { createRegistry } from "../runtime/http/metrics";
import { httpSettings, serve, type RunningServer } from "../runtime/http/server";
import { createLogger, RepeatFilter, type Logger } from "../runtime/log";
import { startTracing, type Tracing } from "../runtime/tracing";
import { tracingPlugin } from "../runtime/tracing/graphql";
import type { GatewayContext } from "./context";
import { credentialFetcher } from "./credential-fetcher";
import { SubgraphDataSource } from "./datasource";
import { resilientFetcher, subgraphCallMetrics } from "./subgraph-calls";
import { createSubgraphFetcher, type Fetcher } from "./subgraph-fetcher";
import { tracedFetcher } from "./traced-fetcher";
import { gatewayPlugins } from "./plugins";
import { limitsProtection } from "./plugins/limits";
import { trustCheckedVariables } from "./plugins/argument-values";
import { ownPlanExecutor } from "./plan-executor";
import { createPdfRenderer } from "./pdf-renderer";
import { createXlsxWriter } from "./xlsx-writer";
import { gatewayRoutes } from "./routes";
import { createRateLimiter } from "./rate-limiter";
import { createSharedStore } from "./shared-store";
import { createClaimStore } from "./idempotency-store";
import { applicantBinder } from "./applicant-binding";
import { createIdentity } from "./identity";
import { readSupergraph } from "./supergraph";
import { readTrustedDocuments } from "./trusted-documents";

export interface GatewayOptions {
  port?: number;
  /** Where each subgraph listens; defaults to config.servers.subgraphUrls. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
  /** Where the gateway logs (default: a pino logger on standard output). */
  log?: Logger;
  /** Where the built dashboard page is (default: dist/dashboard). */
  dashboardDir?: string;
  /** Where the built GraphiQL page is (default: dist/ide). */
  ideDir?: string;
  /** Where the built self-service page /me is (default: dist/me). */
  meDir?: string;
}

export async function startGateway(
  config: HubConfig,
  options: GatewayOptions = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger("gateway", config.log);
  // Global too: Apollo's gateway makes its own spans (request, plan, fetch) with the global API.
  const tracing = startTracing(config.tracing, "hub-gateway", { global: true });
  const urls = { ...config.servers.subgraphUrls, ...options.subgraphUrls };
  const store = createSharedStore(config.redis, log, config.auth.jwtSecret);
  const claims = createClaimStore(config.redis, log, config.auth.jwtSecret);
  await claims.start();
  const registry = createRegistry("gateway");
  const limiter = createRateLimiter(config.rateLimits, config.redis, log);
  await limiter.start();
  const repeats = new RepeatFilter(log, config.log.repeatsPerMinute);
  const identity = createIdentity(config, repeats);
  const subgraphHttp = createSubgraphFetcher({
    idleTimeoutMs: config.servers.subgraphIdleTimeoutMs,
    maxSockets: config.subgraphCalls.maxSockets,
  });
  const breakers: Array<() => void> = [];
  const gateway = federatedGateway(config, {
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    urls,
    log,
    repeats,
    tracing,
    fetcher: subgraphHttp.fetcher,
    callMetrics: subgraphCallMetrics(registry),
    onBreaker: (shutdown) => breakers.push(shutdown),
  });
  // The argument-values plugin has coerced the variables the executor would coerce again.
  trustCheckedVariables(gateway);
  // Our executor of Apollo's plans (the same answers, less work per request); Apollo's own when
  // spans are made, as only Apollo's makes the execution's spans.
  if (config.subgraphCalls.executor === "own" && !tracing.enabled) ownPlanExecutor(gateway, log);
  const limits = limitsProtection(config.limits, config.production, log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    introspection: config.ide.introspection,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ...gatewayPlugins({
        config,
        log,
        store,
        claims,
        registry,
        limiter,
        documents: readTrustedDocuments(),
      }),
      ...limits.plugins,
      ...(tracing.enabled ? [tracingPlugin<GatewayContext>(tracing)] : []),
    ],
    // Our own shutdown (tools/cli.ts) stops the server; two overlapping stop() calls never return.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  identity.bindApplicants(applicantBinder(apollo, log));
  const pdf = createPdfRenderer({
    workers: config.clinic.pdfWorkers,
    queue: config.clinic.pdfQueue,
  });
  const xlsx = createXlsxWriter({ workers: config.xlsx.workers, queue: config.xlsx.queue });
  return serve({
    port: options.port ?? config.servers.gatewayPort,
    host: config.servers.bindHost,
    bodyLimitBytes: config.limits.bodyLimitBytes,
    log,
    http: httpSettings(config),
    repeats,
    tracing,
    routes: gatewayRoutes({
      config,
      log,
      registry,
      limiter,
      identity,
      pdf,
      xlsx,
      documentLimits: limits.document,
      subgraphUrls: urls,
      apollo,
      dashboardDir: options.dashboardDir,
      ideDir: options.ideDir,
      meDir: options.meDir,
    }),
    onStop: async () => {
      await apollo.stop();
      identity.close();
      await pdf.close();
      await xlsx.close();
      await store.close();
      claims.close();
      limiter.close();
      breakers.forEach((shutdown) => shutdown());
      subgraphHttp.close();
      await tracing.shutdown();
    },
  });
}

/**
 * @apollo/gateway on the supergraph, each subgraph called through the chain of fetchers: HTTP,
 * traced, signed with the gateway's credential, then time limits, retries and the breaker; the
 * data source on top batches entity fetches and counts their representations.
 */
function federatedGateway(
  config: HubConfig,
  deps: {
    supergraphSdl: string;
    urls: Partial<Record<SubgraphName, string>>;
    log: Logger;
    repeats: RepeatFilter;
    tracing: Tracing;
    fetcher: Fetcher;
    callMetrics: ReturnType<typeof subgraphCallMetrics>;
    onBreaker: (shutdown: () => void) => void;
  },
): ApolloGateway {
  const { urls, log, repeats, tracing, callMetrics } = deps;
  return new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    // Each subgraph call's parsed operation reaches its data source, which decides from it
    // whether the call may be sent twice (call-kind.ts).
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    buildService: ({ name, url }) => {
      const subgraph = name as SubgraphName;
      const calls = resilientFetcher(
        subgraph,
        credentialFetcher(subgraph, tracedFetcher(subgraph, deps.fetcher, tracing), config),
        config.subgraphCalls,
        callMetrics,
        repeats,
      );
      deps.onBreaker(() => calls.shutdown());
      return new SubgraphDataSource(
        name,
        urls[subgraph] ?? url ?? "",
        log,
        repeats,
        calls.fetcher,
        (count) => callMetrics.representations.observe({ subgraph: name }, count),
        config.subgraphCalls.batchEntities,
      );
    },
  });
}
