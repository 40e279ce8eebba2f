// Structured logs: pino (Fastify's own logger), one JSON line per event. Every process makes one
// root logger; parts of it take a child with their name. Log lines never carry statement values,
// variables or personal data: callers log codes, names and counts. A line written while a request
// is traced carries that request's trace id (runtime/tracing/).
import { context, trace } from "@opentelemetry/api";
import pino, { type DestinationStream, type Logger } from "pino";
import type { LogConfig } from "./config";

export type { Logger };

/**
 * The fields every line gets: the trace id of the request it is written in, if traced. A new
 * object each time: pino merges the line's own fields into it.
 */
function traceFields(): object {
  const span = trace.getSpanContext(context.active());
  return span ? { traceId: span.traceId } : {};
}

export function createLogger(
  name: string,
  config: Pick<LogConfig, "level">,
  destination?: DestinationStream,
): Logger {
  const options = { name, level: config.level, base: { name }, mixin: traceFields };
  return destination ? pino(options, destination) : pino(options);
}

/** Error details fit for a log line: the name, message (redacted by the caller) and stack top. */
export const errorFields = (error: unknown, redact: (text: string) => string = (t) => t) =>
  error instanceof Error
    ? {
        err: { type: error.name, message: redact(error.message), stack: redact(error.stack ?? "") },
      }
    : { err: { message: redact(String(error)) } };

/**
 * Keeps repeats of one kind of event from flooding the log: at most `max` lines per kind in each
 * window (a minute by default); the repeats beyond are counted, and one line at the end of the
 * window says how many were suppressed. Lines carry `kind`, never a stack.
 */
export class RepeatFilter {
  private readonly windows = new Map<string, RepeatWindow>();

  constructor(
    private readonly log: Logger,
    private readonly max: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  info(kind: string, fields: Record<string, unknown>, message: string) {
    this.emit("info", kind, fields, message);
  }

  warn(kind: string, fields: Record<string, unknown>, message: string) {
    this.emit("warn", kind, fields, message);
  }

  error(kind: string, fields: Record<string, unknown>, message: string) {
    this.emit("error", kind, fields, message);
  }

  /** Reports the suppressed repeats of every window that has ended (a timer calls it too). */
  flush() {
    const now = this.now();
    for (const [kind, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.close(kind, window);
    }
  }

  private emit(level: RepeatLevel, kind: string, fields: object, message: string) {
    const now = this.now();
    let window = this.windows.get(kind);
    if (window && now - window.start >= this.windowMs) {
      this.close(kind, window);
      window = undefined;
    }
    if (!window) {
      window = { start: now, logged: 0, suppressed: 0, level, message };
      this.windows.set(kind, window);
    }
    if (window.logged < this.max) {
      window.logged += 1;
      this.log[level]({ ...fields, kind }, message);
      return;
    }
    window.suppressed += 1;
    if (!window.timer) {
      const w = window;
      w.timer = setTimeout(() => this.close(kind, w), this.windowMs - (now - w.start));
      w.timer.unref();
    }
  }

  private close(kind: string, window: RepeatWindow) {
    clearTimeout(window.timer);
    if (this.windows.get(kind) === window) this.windows.delete(kind);
    if (!window.suppressed) return;
    this.log[window.level](
      { kind, suppressed: window.suppressed, seconds: Math.round(this.windowMs / 1000) },
      `${window.message}: ${window.suppressed} more like it suppressed`,
    );
  }
}

type RepeatLevel = "info" | "warn" | "error";

interface RepeatWindow {
  start: number;
  logged: number;
  suppressed: number;
  level: RepeatLevel;
  message: string;
  timer?: NodeJS.Timeout;
}
