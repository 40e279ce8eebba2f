// GET /auth/me: the caller the hub sees for the request's bearer token, as the gateway verified it
// (role, and the district, platform, credit code or volunteer id it is bound to), so that a page
// shows who is signed in with which role as the hub maps the provider's claims, not as the page
// guesses them. No token: { caller: null }. A bad token: 401 as on /graphql.
import { DomainError } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Route } from "../../runtime/http/server";
import { callerOf } from "../context";
import type { Identity } from "../identity";

export function authMeRoutes(identity: Identity): Route[] {
  return [
    {
      method: "GET",
      path: "/auth/me",
      handler: async (request, reply) => {
        reply.header("cache-control", "private, no-store");
        try {
          return { caller: await callerOf(request, identity) };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.code === "UNAUTHENTICATED") reply.header("www-authenticate", "Bearer");
          return sendError(request, reply, error);
        }
      },
    },
  ];
}
