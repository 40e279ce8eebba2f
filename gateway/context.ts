import type { IncomingMessage } from "node:http";
import { callerFromHeader, type Caller } from "../subgraphs/shared/auth";
import type { HubConfig } from "../subgraphs/shared/config";

export interface GatewayContext {
  caller: Caller | null;
  authorization?: string;
}

/** A bad or expired token is refused here, before any subgraph is asked (401 UNAUTHENTICATED). */
export async function gatewayContext(
  req: IncomingMessage,
  config: HubConfig,
): Promise<GatewayContext> {
  const authorization = req.headers.authorization;
  return { caller: await callerFromHeader(authorization, config), authorization };
}
