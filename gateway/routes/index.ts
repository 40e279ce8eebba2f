// The gateway's route table. A new endpoint is one file in this folder and one line here.
import type { ApolloServer } from "@apollo/server";
import type { Registry } from "prom-client";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import type { DocumentLimits } from "../../runtime/http/document-limits";
import { graphqlRoute } from "../../runtime/http/graphql";
import { healthRoutes } from "../../runtime/http/health";
import { metricsRoute } from "../../runtime/http/metrics";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import { clusterMetrics } from "../cluster";
import type { PdfRenderer } from "../pdf-renderer";
import type { XlsxWriter } from "../xlsx-writer";
import { gatewayContext, type GatewayContext } from "../context";
import { dashboardRoutes } from "./dashboard";
import { meRoutes } from "./me";
import { faviconRoutes } from "./favicon";
import type { RateLimiter } from "../rate-limiter";
import { graphiqlRoutes } from "./graphiql";
import { rateLimited } from "./rate-limited";
import { subgraphsReady } from "./readiness";
import { feedRoutes } from "./feed";
import { certificateRoutes } from "./certificate";
import { certificateVerifyRoutes } from "./certificate-verify";
import type { Identity } from "../identity";
import { authConfigRoutes } from "./auth-config";
import { authMeRoutes } from "./auth-me";
import { dashboardXlsxRoutes } from "./reports-dashboard";
import { stationReportRoutes } from "./reports-stations";
import { assessmentRoutes } from "./reports-assessment";
import { platformYearRoutes } from "./reports-platforms";

export interface RouteDeps {
  config: HubConfig;
  log: Logger;
  apollo: ApolloServer<GatewayContext>;
  registry: Registry;
  limiter: RateLimiter;
  /** Who is calling: the gateway's one check of a bearer token (identity.ts). */
  identity: Identity;
  /** The worker threads that render certificate PDFs. */
  pdf: PdfRenderer;
  /** The worker threads that write .xlsx downloads. */
  xlsx: XlsxWriter;
  /** What a GraphQL document may ask, checked before Apollo parses it (plugins/limits.ts). */
  documentLimits: DocumentLimits;
  /** Where each subgraph's GraphQL endpoint is; /health/ready asks theirs (/health does not). */
  subgraphUrls: Record<SubgraphName, string>;
  /** Where the built dashboard page is (default: dist/dashboard). */
  dashboardDir?: string;
  /** Where the built GraphiQL page is (default: dist/ide). */
  ideDir?: string;
  /** Where the built self-service page is (default: dist/me). */
  meDir?: string;
}

export function gatewayRoutes(deps: RouteDeps): Route[] {
  const { config, log, apollo, dashboardDir, ideDir, registry, identity } = deps;
  const graphql = rateLimited(
    graphqlRoute(apollo, (request) => gatewayContext(request, identity), {
      document: deps.documentLimits,
    }),
    deps.limiter,
    identity,
  );
  // The pages exchange their sign-in code at the provider's token endpoint, on its origin.
  const oidc = config.identity.oidc;
  const connect = oidc ? [new URL(oidc.issuer).origin] : [];
  const subgraphs = subgraphsReady(deps.subgraphUrls);
  return [
    ...graphiqlRoutes(graphql, { enabled: config.ide.graphiql, dir: ideDir, connect }),
    ...healthRoutes(log, {
      services: async () => {
        const [found, keys] = await Promise.all([subgraphs(), identity.ready()]);
        return { ...found, ...keys };
      },
    }),
    // In a cluster worker, the sum over every worker (cluster.ts).
    ...metricsRoute(registry, config.metrics, clusterMetrics(registry) ?? undefined),
    ...dashboardRoutes(dashboardDir, connect),
    ...meRoutes(deps.meDir, connect),
    ...faviconRoutes(),
    ...authConfigRoutes(identity, config),
    ...[
      ...authMeRoutes(identity),
      ...feedRoutes(apollo, config, log),
      ...certificateRoutes(apollo, config, log, deps.pdf, identity),
      ...certificateVerifyRoutes(apollo, config, log),
      ...dashboardXlsxRoutes(apollo, log, deps.xlsx, identity),
      ...stationReportRoutes(apollo, log, deps.xlsx, identity),
      ...assessmentRoutes(apollo, log, deps.xlsx, identity),
      ...platformYearRoutes(apollo, log, deps.xlsx, identity),
    ].map((route) => rateLimited(route, deps.limiter, identity)),
  ];
}
