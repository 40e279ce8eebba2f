// What one request may ask of a server. Query depth, cost and rate limits join this section.
import { integer, type Env, type Problems } from "./read";

export interface LimitsConfig {
  /** Largest accepted request body; larger ones are answered 413. */
  bodyLimitBytes: number;
  /** Time a client has to send a request's headers; then 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request (headers and body); then 408 and closed. */
  requestTimeoutMs: number;
  /** Open connections each server accepts at once; more are closed as they arrive. */
  maxConnections: number;
  /**
   * How deep a GraphQL document may nest braces, brackets and parentheses; deeper ones are
   * refused before parsing (graphql-js parses recursively and would overflow the stack).
   */
  maxParseDepth: number;
}

export function limitsSection(env: Env, problems: Problems): LimitsConfig {
  const limits = {
    bodyLimitBytes: integer(env, problems, "BODY_LIMIT_BYTES", 5 * 1024 * 1024, { min: 1024 }),
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
