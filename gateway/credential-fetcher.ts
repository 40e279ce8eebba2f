// Signs the gateway's credential (runtime/credential.ts) onto each subgraph call, below the retry
// loop of subgraph-calls.ts so that every try carries a credential as fresh as the try: bound to
// this subgraph, the call's request id and its exact body, and living the subgraph's time limit
// plus a margin. The data source (datasource.ts) knows the caller but not yet the body; it passes
// the caller down in an internal header that this layer takes off before the call leaves.
import type { Caller } from "../runtime/auth";
import type { AuthConfig, SubgraphCallsConfig, SubgraphName } from "../runtime/config";
import { CREDENTIAL_HEADER, signCredential } from "../runtime/credential";
import { REQUEST_ID_HEADER, requestIdOf } from "../runtime/http/server";
import type { Fetcher } from "./subgraph-fetcher";

/** The verified caller, from the data source to this layer; never sent to a subgraph. */
export const CALLER_HEADER = "x-hub-credential-caller";

/** The caller as the internal header carries it (base64url JSON: headers are Latin-1 only). */
export const encodeCaller = (caller: Caller) =>
  Buffer.from(JSON.stringify(caller)).toString("base64url");

const decodeCaller = (value: string | undefined): Caller | null =>
  value ? (JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Caller) : null;

type CredentialConfig = { auth: AuthConfig; subgraphCalls: SubgraphCallsConfig };

/**
 * The headers of a call to `subgraph` as they leave: the internal caller header taken off, a
 * request id (the gateway's own requests, none today, get one of their own) and the credential
 * for this subgraph, id and body. The benchmark's peer gateways sign their calls with it too.
 */
export async function signedHeaders(
  subgraph: SubgraphName,
  given: Record<string, string> | undefined,
  body: string,
  config: CredentialConfig,
): Promise<Record<string, string>> {
  const headers = { ...given };
  const caller = decodeCaller(headers[CALLER_HEADER]);
  delete headers[CALLER_HEADER];
  const requestId = (headers[REQUEST_ID_HEADER] ??= requestIdOf(undefined));
  headers[CREDENTIAL_HEADER] = await signCredential({ caller, requestId, subgraph, body }, config);
  return headers;
}

export function credentialFetcher(
  subgraph: SubgraphName,
  base: Fetcher,
  config: CredentialConfig,
): Fetcher {
  return async (url, init = {}) => {
    const body = typeof init.body === "string" ? init.body : "";
    const given = init.headers;
    return base(url, { ...init, headers: await signedHeaders(subgraph, given, body, config) });
  };
}
