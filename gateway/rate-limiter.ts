// The gateway's request budgets (rate-limiter-flexible): per token subject when signed in, per
// client address when anonymous or when the token is bad, and a much smaller one for anonymous
// writes. In memory for one gateway; with REDIS_URL in Redis, so that every replica spends from
// the same budget (a Redis that fails falls back to the memory budget rather than refusing or
// letting everything through). Subgraphs' own SERVICE calls are not counted: they follow a client
// request that was.
import Redis from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { Caller } from "../runtime/auth";
import type { RateLimitsConfig, RedisConfig } from "../runtime/config";
import type { Logger } from "../runtime/log";
import { ioredisTls } from "./redis-connection";

export interface Refusal {
  message: string;
  retryAfterSeconds: number;
}

interface Budget {
  name: string;
  limiter: RateLimiterAbstract;
  /** What the refusal says the budget is. */
  describe: string;
}

export interface RateLimiter {
  /** Spends one request of the caller's budget (the address's when anonymous or unverified). */
  request(who: { caller: Caller | null; ip: string }): Promise<Refusal | null>;
  /** Spends one anonymous write of the address's budget. */
  anonymousWrite(ip: string): Promise<Refusal | null>;
  start(): Promise<void>;
  close(): void;
}

/** The shared store when REDIS_URL is set, else null (budgets in memory). */
function budgetStore(redisConfig: RedisConfig, log: Logger): Redis | null {
  if (!redisConfig.url) return null;
  const redis = new Redis(redisConfig.url, {
    // Connected at start; afterwards a command fails at once while Redis is away, and the
    // memory budget stands in.
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    // The password comes with the URL; TLS for rediss:// (redis-connection.ts).
    ...ioredisTls(redisConfig),
  });
  redis.on("error", (error) => log.debug({ reason: error.message }, "rate limit store failed"));
  return redis;
}

/** A budget of `points` per `duration` seconds, or null when the limit is 0 (off). */
function budget(
  redis: Redis | null,
  keyPrefix: string,
  name: string,
  points: number,
  duration: number,
  describe: string,
): Budget | null {
  if (points <= 0) return null;
  const options = { keyPrefix: `${keyPrefix}:rate:${name}`, points, duration };
  const limiter = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);
  return { name, limiter, describe };
}

/** Spends one point of `key`'s budget: the refusal when it is spent, else null. */
async function spend(budget: Budget | null, key: string, log: Logger): Promise<Refusal | null> {
  if (!budget) return null;
  try {
    await budget.limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return {
        message: `too many requests: ${budget.describe}; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      };
    }
    // The store failed and so did its insurance: serve rather than refuse everyone.
    log.warn({ budget: budget.name, reason: (error as Error).message }, "rate limit unchecked");
    return null;
  }
}

export function createRateLimiter(
  limits: RateLimitsConfig,
  redisConfig: RedisConfig,
  log: Logger,
): RateLimiter {
  const redis = budgetStore(redisConfig, log);
  const make = (name: string, points: number, duration: number, describe: string) =>
    budget(redis, redisConfig.keyPrefix, name, points, duration, describe);
  const signedIn = make("sub", limits.perMinute, 60, `${limits.perMinute} per minute per token`);
  const anonymous = make(
    "ip",
    limits.anonymousPerMinute,
    60,
    `${limits.anonymousPerMinute} per minute per address without a token`,
  );
  const anonymousWrites = make(
    "ip-writes",
    limits.anonymousWritesPerHour,
    3600,
    `${limits.anonymousWritesPerHour} changes per hour per address without a token`,
  );

  return {
    request: ({ caller, ip }) =>
      caller?.role === "SERVICE"
        ? Promise.resolve(null)
        : caller
          ? spend(signedIn, caller.sub, log)
          : spend(anonymous, ip, log),
    anonymousWrite: (ip) => spend(anonymousWrites, ip, log),
    async start() {
      await redis
        ?.connect()
        .catch((error: Error) =>
          log.warn(
            { reason: error.message },
            "rate limit store unreachable; budgets kept in memory",
          ),
        );
    },
    close() {
      redis?.disconnect();
    },
  };
}
