// Structured logs (pino): one JSON line per event on standard output.
import { integer, oneOf, type Env, type Problems } from "./read";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogConfig {
  level: LogLevel;
  /**
   * Lines per minute for each kind of repeated event (aborted requests, client timeouts, an
   * unreachable subgraph); the rest are counted in one line at the end of the minute.
   */
  repeatsPerMinute: number;
}

export function logSection(env: Env, problems: Problems): LogConfig {
  return {
    level: oneOf(env, problems, "LOG_LEVEL", LOG_LEVELS, "info"),
    repeatsPerMinute: integer(env, problems, "LOG_REPEATS_PER_MINUTE", 10, {
      min: 1,
      max: 100_000,
      what: "a number of lines from 1 to 100000",
    }),
  };
}
