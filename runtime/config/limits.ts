// What one request may ask of a server. Query depth, cost and rate limits join this section.
import { integer, type Env, type Problems } from "./read";

export interface LimitsConfig {
  /** Largest accepted request body; larger ones are answered 413. */
  bodyLimitBytes: number;
}

export function limitsSection(env: Env, problems: Problems): LimitsConfig {
  return {
    bodyLimitBytes: integer(env, problems, "BODY_LIMIT_BYTES", 5 * 1024 * 1024, { min: 1024 }),
  };
}
