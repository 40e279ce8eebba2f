// The gateway's route table. A new endpoint is one file in this folder and one line here.
import type { ApolloServer } from "@apollo/server";
import type { HubConfig } from "../../runtime/config";
import { graphqlRoute } from "../../runtime/http/graphql";
import { healthRoute } from "../../runtime/http/health";
import type { Route } from "../../runtime/http/server";
import type { Logger } from "../../runtime/log";
import { gatewayContext, type GatewayContext } from "../context";
import { dashboardRoutes } from "./dashboard";

export interface RouteDeps {
  config: HubConfig;
  log: Logger;
  apollo: ApolloServer<GatewayContext>;
  /** Where the built dashboard page is (default: dist/dashboard). */
  dashboardDir?: string;
}

export function gatewayRoutes({ config, log, apollo, dashboardDir }: RouteDeps): Route[] {
  return [
    graphqlRoute(apollo, (request) => gatewayContext(request, config), {
      maxParseDepth: config.limits.maxParseDepth,
    }),
    healthRoute(log, async () => ({ gateway: true })),
    ...dashboardRoutes(dashboardDir),
  ];
}
