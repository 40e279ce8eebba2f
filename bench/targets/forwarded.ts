import { CREDENTIAL_HEADER } from "../../runtime/credential";

/** What a competitor gateway passes from the client to every subgraph. */
export const FORWARDED_HEADERS = ["authorization", CREDENTIAL_HEADER] as const;
