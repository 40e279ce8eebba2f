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
  /** This request's id: in the answer, the logs, and every subgraph call it makes. */
  requestId: string;
}

const callers = new WeakMap<FastifyRequest, Promise<Caller | null>>();

/** The caller of an HTTP request, verified once however many parts of the gateway ask. */
export function callerOf(request: FastifyRequest, config: HubConfig): Promise<Caller | null> {
  let caller = callers.get(request);
  if (!caller) {
    caller = callerFromHeader(request.headers.authorization, config.auth);
    callers.set(request, caller);
  }
  return caller;
}

export async function gatewayContext(
  request: FastifyRequest,
  config: HubConfig,
): Promise<GatewayContext> {
  const authorization = request.headers.authorization;
  const caller = await callerOf(request, config);
  return { caller, authorization, ip: request.ip, requestId: request.id };
}

/** The context of an operation the gateway runs itself for a route (the feed), as the public. */
export function anonymousContext(request: FastifyRequest): GatewayContext {
  return { caller: null, ip: request.ip, requestId: request.id };
}
