import { CALLER_HEADER } from "../../gateway/credential-fetcher";

/**
 * What a competitor gateway passes from the client to every subgraph: the caller the benchmark
 * verified for the client's token, from which the peer signs each call's credential as ours does
 * (gateway/credential-fetcher.ts: bound to the subgraph, the request id and the body). Subgraphs
 * trust the credential and never see the token, so the token is not passed on.
 */
export const FORWARDED_HEADERS = [CALLER_HEADER] as const;
