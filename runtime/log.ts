// Structured logs: pino (Fastify's own logger), one JSON line per event. Every process makes one
// root logger; parts of it take a child with their name. Log lines never carry statement values,
// variables or personal data: callers log codes, names and counts.
import pino, { type DestinationStream, type Logger } from "pino";
import type { LogConfig } from "./config";

export type { Logger };

export function createLogger(
  name: string,
  config: LogConfig,
  destination?: DestinationStream,
): Logger {
  const options = { name, level: config.level, base: { name } };
  return destination ? pino(options, destination) : pino(options);
}

/** Error details fit for a log line: the name, message (redacted by the caller) and stack top. */
export const errorFields = (error: unknown, redact: (text: string) => string = (t) => t) =>
  error instanceof Error
    ? {
        err: { type: error.name, message: redact(error.message), stack: redact(error.stack ?? "") },
      }
    : { err: { message: redact(String(error)) } };
