// Rate limits per caller (rate-limiter-flexible): a budget per token subject when signed in, per
// client address when anonymous, and a much smaller one for anonymous writes. In memory for one
// gateway; with REDIS_URL in Redis, so that every replica spends from the same budget (and a Redis
// that fails falls back to the memory budget rather than refusing or letting everything through).
// Over budget is HTTP 429 RATE_LIMITED with Retry-After. Subgraphs' own SERVICE calls are exempt:
// they follow a client request that was already counted.
import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import Redis from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { RateLimitsConfig, RedisConfig } from "../../runtime/config";
import { httpStatusOf } from "../../runtime/errors";
import type { Logger } from "../../runtime/log";
import type { GatewayContext } from "../context";

interface Budget {
  name: string;
  limiter: RateLimiterAbstract;
  /** What the refusal says the budget is. */
  describe: string;
}

function budget(
  name: string,
  points: number,
  duration: number,
  redis: Redis | null,
  prefix: string,
): RateLimiterAbstract {
  const options = { keyPrefix: `${prefix}:rate:${name}`, points, duration };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

function refusal(spent: RateLimiterRes, what: string): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
  return new GraphQLError(`too many requests: ${what}; try again in ${retryAfterSeconds} s`, {
    extensions: {
      code: "RATE_LIMITED",
      retryAfterSeconds,
      http: {
        status: httpStatusOf("RATE_LIMITED"),
        headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]),
      },
    },
  });
}

export function rateLimitPlugin(
  limits: RateLimitsConfig,
  redisConfig: RedisConfig,
  log: Logger,
): ApolloServerPlugin<GatewayContext> {
  const redis = redisConfig.url
    ? new Redis(redisConfig.url, {
        // Connected at start; afterwards a command fails at once while Redis is away, and the
        // memory budget stands in.
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 1000,
      })
    : null;
  redis?.on("error", (error) => log.warn({ reason: error.message }, "rate limit store failed"));
  const prefix = redisConfig.keyPrefix;
  const make = (name: string, points: number, duration: number, describe: string) =>
    points > 0 ? { name, limiter: budget(name, points, duration, redis, prefix), describe } : null;
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

  async function spend(target: Budget | null, key: string) {
    if (!target) return;
    try {
      await target.limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw refusal(error, target.describe);
      // The store failed and so did its insurance: serve rather than refuse everyone.
      log.warn({ budget: target.name, reason: (error as Error).message }, "rate limit unchecked");
    }
  }

  return {
    async serverWillStart() {
      await redis
        ?.connect()
        .catch((error: Error) =>
          log.warn(
            { reason: error.message },
            "rate limit store unreachable; budgets kept in memory",
          ),
        );
      return {
        async serverWillStop() {
          redis?.disconnect();
        },
      };
    },
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operation }) {
          const caller = contextValue.caller;
          if (caller?.role === "SERVICE") return;
          if (caller) return spend(signedIn, caller.sub);
          await spend(anonymous, contextValue.ip);
          if (operation?.operation === "mutation") await spend(anonymousWrites, contextValue.ip);
        },
      };
    },
  };
}
