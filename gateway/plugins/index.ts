// The gateway's Apollo Server plugins, in order. A new cross-cutting feature is one file in this
// folder and one line here, its options taken from its config section.
import type { ApolloServerPlugin } from "@apollo/server";
import type { HubConfig } from "../../runtime/config";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";
import { errorsPlugin } from "./errors";
import { requestLogPlugin } from "./request-log";

export function gatewayPlugins(
  _config: HubConfig,
  log: Logger,
): Array<ApolloServerPlugin<GatewayContext>> {
  return [requestLogPlugin(log), errorsPlugin(log)];
}
