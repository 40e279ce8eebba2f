// Who is asking a subgraph. A subgraph answers the gateway only: every request must carry the
// gateway's credential (runtime/credential.ts), which names the caller the gateway verified (its
// role and what the role is bound to) and is good for this subgraph, this request id and this body
// only. The gateway checks the caller's token once (gateway/identity.ts); a subgraph trusts the
// credential and never sees the token, so an OpenID Connect token's keys are fetched by the
// gateway alone.
import type { FastifyRequest } from "fastify";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { CREDENTIAL_HEADER, verifyCredential, type Credential } from "../../runtime/credential";

/**
 * The body the gateway signed: it sends JSON.stringify of the operation, and the JSON text of
 * what that parses back to is the same text (keys in the order sent, numbers and strings written
 * alike), so the parsed body stands for the bytes without keeping them.
 */
const bodyText = (request: FastifyRequest) =>
  request.body === undefined ? "" : JSON.stringify(request.body);

/** The verified caller (null: anonymous) and the id of the gateway request it came with. */
export async function subgraphCredential(
  request: FastifyRequest,
  subgraph: SubgraphName,
  config: HubConfig,
): Promise<Credential> {
  return verifyCredential(
    request.headers[CREDENTIAL_HEADER],
    { subgraph, requestId: request.id, body: bodyText(request) },
    config,
  );
}
