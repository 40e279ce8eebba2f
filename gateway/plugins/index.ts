// The gateway's Apollo Server plugins, in order. A new cross-cutting feature is one file in this
// folder and one line here, its options taken from its config section.
import type { ApolloServerPlugin } from "@apollo/server";
import type { HubConfig } from "../../runtime/config";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import { errorsPlugin } from "./errors";
import { operationResolutionPlugin } from "./operation-resolution";
import { requestLogPlugin } from "./request-log";
import { responseCachePlugins } from "./response-cache";
import type { SharedStore } from "../shared-store";

export interface PluginDeps {
  config: HubConfig;
  log: Logger;
  store: SharedStore;
}

export function gatewayPlugins({
  config,
  log,
  store,
}: PluginDeps): Array<ApolloServerPlugin<GatewayContext>> {
  return [
    requestLogPlugin(log),
    operationResolutionPlugin(),
    ...(config.cache.ttlSeconds > 0 ? responseCachePlugins(store, log) : []),
    errorsPlugin(log),
  ];
}
