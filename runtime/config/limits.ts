// What one request may ask of a server: body size, and the shape of a GraphQL operation (depth,
// aliases, directives, tokens, cost). The gateway refuses operations over a limit before it plans
// them; each limit is configurable.
import { integer, type Env, type Problems } from "./read";

export interface LimitsConfig {
  /** Largest accepted request body; larger ones are answered 413. */
  bodyLimitBytes: number;
  /** Deepest field nesting of an operation (introspection excepted). */
  maxDepth: number;
  /** Aliases in one operation. */
  maxAliases: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Lexical tokens in one document. */
  maxTokens: number;
  /** Estimated cost: each field 1, a list field's selection counted `first` (or listWeight) times. */
  maxCost: number;
  /** How many items a list field without `first` (or ids) is assumed to return, for the cost. */
  listWeight: number;
}

export function limitsSection(env: Env, problems: Problems): LimitsConfig {
  const limit = (key: string, fallback: number, min = 1) =>
    integer(env, problems, key, fallback, { min, what: `an integer of at least ${min}` });
  return {
    bodyLimitBytes: limit("BODY_LIMIT_BYTES", 5 * 1024 * 1024, 1024),
    maxDepth: limit("LIMIT_DEPTH", 10),
    maxAliases: limit("LIMIT_ALIASES", 15, 0),
    maxDirectives: limit("LIMIT_DIRECTIVES", 20, 0),
    maxTokens: limit("LIMIT_TOKENS", 3000, 100),
    maxCost: limit("LIMIT_COST", 100000, 100),
    listWeight: limit("LIMIT_LIST_WEIGHT", 10),
  };
}
