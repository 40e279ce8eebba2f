// The gateway's request context: the verified caller and the header to forward. A bad or expired
// token is refused here, before any subgraph is asked (401 UNAUTHENTICATED).
import type { FastifyRequest } from "fastify";
import { callerFromHeader, type Caller } from "../runtime/auth";
import type { HubConfig } from "../runtime/config";

export interface GatewayContext {
  caller: Caller | null;
  authorization?: string;
  /** The client's address (behind a trusted proxy, the one it forwarded). */
  ip: string;
}

export async function gatewayContext(
  request: FastifyRequest,
  config: HubConfig,
): Promise<GatewayContext> {
  const authorization = request.headers.authorization;
  return {
    caller: await callerFromHeader(authorization, config.auth),
    authorization,
    ip: request.ip,
  };
}
