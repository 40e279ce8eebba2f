// GET /auth/config: how the dashboard page and GraphiQL sign in. With an OpenID Connect provider
// (OIDC_ISSUER, or DEV_OIDC=1), its public client and endpoints, for the authorization code flow
// with PKCE the pages run themselves; `pasteToken` says whether the pages also offer the box for a
// pasted hub token: in development, and in production only when there is no provider to sign in
// with. 503 while the provider's discovery document was not read yet.
import type { HubConfig } from "../../runtime/config";
import { DomainError } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Route } from "../../runtime/http/server";
import type { Identity } from "../identity";

export function authConfigRoutes(identity: Identity, config: HubConfig): Route[] {
  const pasteToken = !config.production || !config.identity.oidc;
  return [
    {
      method: "GET",
      path: "/auth/config",
      handler: async (request, reply) => {
        reply.header("cache-control", "no-store");
        try {
          return { signIn: identity.signIn(), pasteToken };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return sendError(request, reply, error);
        }
      },
    },
  ];
}
