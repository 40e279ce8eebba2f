// Who is asking a subgraph. A subgraph answers the gateway only: every request must carry the
// gateway's credential (runtime/credential.ts), which names the caller the gateway verified. The
// caller's own token, forwarded alongside, is verified again here and must name the same caller,
// so that neither a stolen credential nor a token alone is enough.
import type { IncomingHttpHeaders } from "node:http";
import { callerFromHeader, type Caller } from "../../runtime/auth";
import type { AuthConfig } from "../../runtime/config";
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

/** The verified caller (null: anonymous) and the id of the gateway request it came with. */
export async function subgraphCredential(
  headers: IncomingHttpHeaders,
  config: AuthConfig,
): Promise<Credential> {
  const credential = await verifyCredential(headers[CREDENTIAL_HEADER], config);
  const token = await callerFromHeader(headers.authorization, config);
  if (!same(token, credential.caller)) {
    throw unauthenticated("the bearer token and the gateway credential name different callers");
  }
  return credential;
}
