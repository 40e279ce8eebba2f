// A route behind the request budgets (gateway/rate-limiter.ts), checked before anything else is
// done for the request: a body that does not parse, an invalid operation or a bad token spends
// the budget like any other request. Over budget is HTTP 429 RATE_LIMITED with Retry-After.
import { HubError } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Route } from "../../runtime/http/server";
import { callerOf } from "../context";
import type { Identity } from "../identity";
import type { RateLimiter } from "../rate-limiter";

export function rateLimited(route: Route, limiter: RateLimiter, identity: Identity): Route {
  return {
    ...route,
    async handler(request, reply) {
      // A bad token is answered 401 by the route itself; here it counts as its address.
      const caller = await callerOf(request, identity).catch(() => null);
      const refusal = await limiter.request({ caller, ip: request.ip });
      if (!refusal) return route.handler(request, reply);
      return sendError(
        request,
        reply,
        new HubError("RATE_LIMITED", refusal.message, {
          retryAfterSeconds: refusal.retryAfterSeconds,
        }),
      );
    },
  };
}
