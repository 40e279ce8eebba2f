// Who is asking a subgraph. A subgraph answers the gateway only: every request must carry the
// gateway's credential (runtime/credential.ts), which names the caller the gateway verified and
// is good for this subgraph, this request id and this body only. The caller's own token,
// forwarded alongside, is verified again here and must name the same caller, so that neither a
// stolen credential nor a token alone is enough.
import type { FastifyRequest } from "fastify";
import { callerFromHeader, type Caller } from "../../runtime/auth";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { CREDENTIAL_HEADER, verifyCredential, type Credential } from "../../runtime/credential";
import { unauthenticated } from "../../runtime/errors";

const same = (a: Caller | null, b: Caller | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.sub === b.sub &&
    a.role === b.role &&
    a.district === b.district &&
    a.platform === b.platform);

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
  const { headers } = request;
  const credential = await verifyCredential(
    headers[CREDENTIAL_HEADER],
    { subgraph, requestId: request.id, body: bodyText(request) },
    config,
  );
  const token = await callerFromHeader(headers.authorization, config.auth);
  if (!same(token, credential.caller)) {
    throw unauthenticated("the bearer token and the gateway credential name different callers");
  }
  return credential;
}
