// Anonymous writes (bookings, say) spend a much smaller budget of their address than reads; only
// the operation tells a write from a read, so this is a plugin. Every other budget is spent at the
// route, before the request is parsed (gateway/routes/rate-limited.ts). Over budget is HTTP 429
// RATE_LIMITED with Retry-After.
import type { ApolloServerPlugin } from "@apollo/server";
import { graphQLError } from "../../runtime/errors";
import type { GatewayContext } from "../context";
import type { RateLimiter } from "../rate-limiter";
import { OperationTypeNode } from "graphql";

export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operation }) {
          if (contextValue.caller || operation?.operation !== OperationTypeNode.MUTATION) return;
          const refusal = await limiter.anonymousWrite(contextValue.ip);
          if (!refusal) return;
          throw graphQLError("RATE_LIMITED", refusal.message, {
            details: { retryAfterSeconds: refusal.retryAfterSeconds },
            http: true,
          });
        },
      };
    },
  };
}
