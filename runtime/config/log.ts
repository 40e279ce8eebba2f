// Structured logs (pino): one JSON line per event on standard output.
import { oneOf, type Env, type Problems } from "./read";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogConfig {
  level: LogLevel;
}

export function logSection(env: Env, problems: Problems): LogConfig {
  return { level: oneOf(env, problems, "LOG_LEVEL", LOG_LEVELS, "info") };
}
