// The gateway's request context: the caller, verified once per request (identity.ts). A bad or
// expired token is refused here, before any subgraph is asked (401 UNAUTHENTICATED).
import type { FastifyRequest } from "fastify";
import type { Caller } from "../runtime/auth";
import type { EntityLog } from "./cache-entities";
import type { Identity } from "./identity";

export interface GatewayContext {
  caller: Caller | null;
  /** The client's address (behind a trusted proxy, the one it forwarded). */
  ip: string;
  /** This request's id: in the answer, the logs, and every subgraph call it makes. */
  requestId: string;
  /** What its subgraph answers said about entities, for the response cache (cache-entities.ts). */
  entities?: EntityLog;
}

const callers = new WeakMap<FastifyRequest, Promise<Caller | null>>();

/** The caller of an HTTP request, verified once however many parts of the gateway ask. */
export function callerOf(request: FastifyRequest, identity: Identity): Promise<Caller | null> {
  let caller = callers.get(request);
  if (!caller) {
    caller = identity.callerOf(request.headers.authorization);
    callers.set(request, caller);
  }
  return caller;
}

export async function gatewayContext(
  request: FastifyRequest,
  identity: Identity,
): Promise<GatewayContext> {
  const caller = await callerOf(request, identity);
  return { caller, ip: request.ip, requestId: request.id };
}

/** The context of an operation the gateway runs itself for a route (the feed), as the public. */
export function anonymousContext(request: FastifyRequest): GatewayContext {
  return { caller: null, ip: request.ip, requestId: request.id };
}
