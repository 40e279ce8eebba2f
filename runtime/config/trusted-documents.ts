// Which documents the gateway runs (gateway/plugins/trusted-documents.ts): the hub's own clients
// send the ids of schema/trusted-documents.json; this says what else may run.
import { oneOf, type Env, type Problems } from "./read";

export const TRUSTED_DOCUMENT_MODES = ["off", "log", "anonymous", "all"] as const;

/**
 * off: any document runs. log: any document runs; those not in the manifest are logged and
 * counted. anonymous: callers without a token may send only manifest ids. all: every caller may
 * send only manifest ids.
 */
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENT_MODES)[number];

export interface TrustedDocumentsConfig {
  mode: TrustedDocumentsMode;
}

export function trustedDocumentsSection(
  env: Env,
  problems: Problems,
  production: boolean,
): TrustedDocumentsConfig {
  return {
    mode: oneOf(
      env,
      problems,
      "TRUSTED_DOCUMENTS",
      TRUSTED_DOCUMENT_MODES,
      production ? "anonymous" : "log",
    ),
  };
}
