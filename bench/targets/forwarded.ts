import { CALLER_HEADER } from "../../gateway/credential-fetcher";

/**
 * What a competitor gateway passes from the client to every subgraph: the token, and the caller
 * the benchmark verified for it, from which the peer signs each call's credential as ours does
 * (gateway/credential-fetcher.ts: bound to the subgraph, the request id and the body).
 */
export const FORWARDED_HEADERS = ["authorization", CALLER_HEADER] as const;
