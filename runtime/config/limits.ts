// What one request may ask of a server: body size, and the shape of a GraphQL operation (depth,
// aliases, directives, tokens, fields, cost). The gateway refuses operations over a limit before it
// validates or plans them; each limit is configurable.
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
  /** Fields, fragment spreads and inline fragments in one selection set. */
  maxSelectionFields: number;
  /** The same in a whole document, each operation counted with the fragments it spreads. */
  maxFields: number;
  /** Times one response name may be selected in a document (inside inline fragments, more). */
  maxFieldRepeats: number;
  /** Times one response name may be selected with arguments in a document (the same way). */
  maxArgumentRepeats: number;
  /** Estimated cost: each field 1, a list field's selection counted `first` (or listWeight) times. */
  maxCost: number;
  /** How many items a list field without `first` (or ids) is assumed to return, for the cost. */
  listWeight: number;
  /** Time a client has to send a request's headers; then 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request (headers and body); then 408 and closed. */
  requestTimeoutMs: number;
  /** Open connections each server accepts at once; more are closed as they arrive. */
  maxConnections: number;
  /**
   * How deep a GraphQL document may nest braces, brackets and parentheses, and a JSON body (its
   * variables) arrays and objects; deeper ones are refused before parsing (graphql-js parses
   * recursively and would overflow the stack, as would anything that walks the variables).
   */
  maxParseDepth: number;
}

export function limitsSection(env: Env, problems: Problems): LimitsConfig {
  const limit = (key: string, fallback: number, min = 1) =>
    integer(env, problems, key, fallback, { min, what: `an integer of at least ${min}` });
  const limits = {
    bodyLimitBytes: limit("BODY_LIMIT_BYTES", 5 * 1024 * 1024, 1024),
    maxDepth: limit("LIMIT_DEPTH", 10),
    maxAliases: limit("LIMIT_ALIASES", 15, 0),
    maxDirectives: limit("LIMIT_DIRECTIVES", 20, 0),
    maxTokens: limit("LIMIT_TOKENS", 3000, 100),
    maxSelectionFields: limit("LIMIT_SELECTION_FIELDS", 30),
    maxFields: limit("LIMIT_FIELDS", 120),
    maxFieldRepeats: limit("LIMIT_FIELD_REPEATS", 25),
    maxArgumentRepeats: limit("LIMIT_ARGUMENT_REPEATS", 3),
    maxCost: limit("LIMIT_COST", 100000, 100),
    listWeight: limit("LIMIT_LIST_WEIGHT", 10),
    headersTimeoutMs: integer(env, problems, "HEADERS_TIMEOUT_MS", 10_000, {
      min: 100,
      max: 600_000,
      what: "a number of milliseconds from 100 to 600000",
    }),
    requestTimeoutMs: integer(env, problems, "REQUEST_TIMEOUT_MS", 30_000, {
      min: 100,
      max: 3_600_000,
      what: "a number of milliseconds from 100 to 3600000",
    }),
    maxConnections: integer(env, problems, "MAX_CONNECTIONS", 1000, {
      min: 1,
      max: 1_000_000,
      what: "a number of connections from 1 to 1000000",
    }),
    maxParseDepth: integer(env, problems, "MAX_PARSE_DEPTH", 128, {
      min: 8,
      max: 512,
      what: "a depth from 8 to 512",
    }),
  };
  // Node refuses a headers timeout longer than the request timeout: headers are part of it.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    problems.add(
      `HEADERS_TIMEOUT_MS=${limits.headersTimeoutMs} must not exceed REQUEST_TIMEOUT_MS=${limits.requestTimeoutMs}: the headers are part of the request`,
    );
  return limits;
}
