// How many requests one caller may send: per token subject when signed in, per client address
// when anonymous, and far fewer anonymous writes. 0 turns a budget off.
import { integer, type Env, type Problems } from "./read";

export interface RateLimitsConfig {
  /** Requests per minute for one signed-in subject (the token's sub). */
  perMinute: number;
  /** Requests per minute for one anonymous client address. */
  anonymousPerMinute: number;
  /** Mutations per hour for one anonymous client address (bookings, say). */
  anonymousWritesPerHour: number;
}

export function rateLimitsSection(env: Env, problems: Problems): RateLimitsConfig {
  const budget = (key: string, fallback: number) =>
    integer(env, problems, key, fallback, { min: 0, what: "a whole number (0 turns it off)" });
  return {
    perMinute: budget("RATE_LIMIT_PER_MINUTE", 1200),
    anonymousPerMinute: budget("RATE_LIMIT_ANONYMOUS_PER_MINUTE", 600),
    anonymousWritesPerHour: budget("RATE_LIMIT_ANONYMOUS_WRITES_PER_HOUR", 30),
  };
}
