// Who is asking a subgraph. A subgraph answers the gateway only: every request must carry the
// gateway's credential (runtime/credential.ts), which names the caller the gateway verified (its
// role and what the role is bound to) and is good for this subgraph, this request id and this body
// only. The gateway checks the caller's token once (gateway/identity.ts); a subgraph trusts the
// credential and never sees the token, so an OpenID Connect token's keys are fetched by the
// gateway alone.
import type { FastifyRequest } from "fastify";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { CREDENTIAL_HEADER, verifyCredential, type Credential } from "../../runtime/credential";
import { jsonBodyText } from "../../runtime/http/refusals";

/**
 * The body the gateway signed: it sends JSON.stringify of the operation, the very text that
 * arrives (kept by the JSON parser, runtime/http/refusals.ts). The JSON text of what that parses
 * back to is the same text (keys in the order sent, numbers and strings written alike), which
 * stands for the bytes where they were not kept, and is tried when they do not match: writing it
 * again cost a 1,000-row publish 1 ms.
 */
const parsedText = (request: FastifyRequest) =>
  request.body === undefined ? "" : JSON.stringify(request.body);

/** The verified caller (null: anonymous) and the id of the gateway request it came with. */
export async function subgraphCredential(
  request: FastifyRequest,
  subgraph: SubgraphName,
  config: HubConfig,
): Promise<Credential> {
  return verifyCredential(
    request.headers[CREDENTIAL_HEADER],
    {
      subgraph,
      requestId: request.id,
      body: jsonBodyText(request) ?? parsedText(request),
      bodyAsParsed: () => parsedText(request),
    },
    config,
  );
}
