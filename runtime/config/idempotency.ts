// Idempotency keys of mutations (the Idempotency-Key header): how long the gateway keeps a key's
// first answer, so that a client's retry with the same key is answered without writing again.
import { integer, type Env, type Problems } from "./read";

export interface IdempotencyConfig {
  /** How long a key's first answer is kept and replayed (seconds; default one day). */
  ttlSeconds: number;
}

export function idempotencySection(env: Env, problems: Problems): IdempotencyConfig {
  return {
    ttlSeconds: integer(env, problems, "IDEMPOTENCY_TTL_SECONDS", 86_400, {
      min: 60,
      max: 7 * 86_400,
      what: "a number of seconds from 60 to 604800 (7 days)",
    }),
  };
}
