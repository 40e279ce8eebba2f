// Health as load balancers and orchestrators ask for it:
// - GET /health/live: 200 while the process serves requests at all (restart it when this fails);
// - GET /health: 200 when the process and what it alone owns work (a subgraph: its database
//   answers), else 503 naming what does not. It never asks another service, so a gateway is not
//   taken out of rotation or restarted because one subgraph is down: it still answers the other
//   subgraphs' fields;
// - GET /health/ready: /health, and every service it calls is ready (the gateway: every subgraph),
//   else 503 naming what is missing (hold traffic or a rollout back meanwhile).
import { httpStatusOf } from "../errors";
import type { Logger } from "../log";
import type { Route } from "./server";

export type ReadyCheck = () => Promise<Record<string, unknown>>;

export interface HealthChecks {
  /** What the process owns (a subgraph's database); /health and /health/ready run it. */
  own?: ReadyCheck;
  /** The services it calls (the gateway's subgraphs); only /health/ready runs it. */
  services?: ReadyCheck;
}

export function healthRoutes(log: Logger, checks: HealthChecks = {}): Route[] {
  const started = Date.now();
  const answer =
    (run: ReadyCheck[]): Route["handler"] =>
    async (_request, reply) => {
      try {
        const details = await Promise.all(run.map((check) => check()));
        return details.reduce<Record<string, unknown>>((all, d) => ({ ...all, ...d }), {
          status: "ok",
        });
      } catch (error) {
        const reason = (error as Error).message;
        log.warn({ reason }, "not ready");
        // The status is the table's; the body is the health answer's own shape, which probes read.
        return reply
          .code(httpStatusOf("SERVICE_UNAVAILABLE"))
          .send({ status: "unavailable", reason });
      }
    };
  const own = checks.own ? [checks.own] : [];
  const services = checks.services ? [checks.services] : [];
  return [
    {
      method: "GET",
      path: "/health/live",
      untraced: true,
      handler: async () => ({
        status: "ok",
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      }),
    },
    { method: "GET", path: "/health", untraced: true, handler: answer(own) },
    {
      method: "GET",
      path: "/health/ready",
      untraced: true,
      handler: answer([...own, ...services]),
    },
  ];
}

/** Fails with `what` when the check does not settle within the time (a hung database). */
export async function within<T>(ms: number, what: string, check: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
