// Signs the gateway's credential (runtime/credential.ts) onto each subgraph call, below the retry
// loop of subgraph-calls.ts so that every try carries a credential as fresh as the try: bound to
// this subgraph, the call's request id and its exact body, and living the subgraph's time limit
// plus a margin. The data source (datasource.ts) knows the caller but not yet the body; it passes
// the caller down on the call's init under CALL_CALLER, never on the wire. (The benchmark's peer
// gateways pass it in an internal header instead, which this layer takes off before the call
// leaves.)
import type { Caller } from "../runtime/auth";
import type { AuthConfig, SubgraphCallsConfig, SubgraphName } from "../runtime/config";
import { CREDENTIAL_HEADER, signCredential } from "../runtime/credential";
import { REQUEST_ID_HEADER, requestIdOf } from "../runtime/http/server";
import type { Fetcher } from "./subgraph-fetcher";

/**
 * The verified caller of a call (null: the public), set on its init by the data source; the
 * retry layers copy it with the init. Unlike a header it is never written out, and it costs no
 * JSON and base64 each way on every call (about 1 % of the gateway's CPU on a two-call request).
 */
export const CALL_CALLER = Symbol("the call's verified caller");
export type CallerInit = NonNullable<Parameters<Fetcher>[1]> & { [CALL_CALLER]?: Caller | null };

/** The caller in a header, for clients that cannot set CALL_CALLER (the benchmark's peers). */
export const CALLER_HEADER = "x-hub-credential-caller";

/** The caller as the internal header carries it (base64url JSON: headers are Latin-1 only). */
export const encodeCaller = (caller: Caller) =>
  Buffer.from(JSON.stringify(caller)).toString("base64url");

const decodeCaller = (value: string | undefined): Caller | null =>
  value ? (JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Caller) : null;

type CredentialConfig = { auth: AuthConfig; subgraphCalls: SubgraphCallsConfig };

/**
 * The headers of a call to `subgraph` as they leave: a request id (the gateway's own requests,
 * none today, get one of their own) and the credential for this subgraph, id and body, for the
 * caller given, or else the one in the internal caller header (taken off). The benchmark's peer
 * gateways sign their calls with it too.
 */
export async function signedHeaders(
  subgraph: SubgraphName,
  given: Record<string, string> | undefined,
  body: string,
  config: CredentialConfig,
  verified?: Caller | null,
): Promise<Record<string, string>> {
  const headers = { ...given };
  const caller = verified !== undefined ? verified : decodeCaller(headers[CALLER_HEADER]);
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
  return async (url, init: CallerInit = {}) => {
    const body = typeof init.body === "string" ? init.body : "";
    const given = init.headers;
    const headers = await signedHeaders(subgraph, given, body, config, init[CALL_CALLER]);
    return base(url, { ...init, headers });
  };
}
