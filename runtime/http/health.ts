// Health as load balancers and orchestrators ask for it:
// - GET /health/live: 200 while the process serves requests at all (restart it when this fails);
// - GET /health/ready: 200 when it can do its work (its database answers; for the gateway, every
//   subgraph is ready), else 503 naming what is missing (take it out of rotation meanwhile);
// - GET /health: the same as ready, for the tools and balancers that ask the short path.
import type { Logger } from "../log";
import type { Route } from "./server";

export type ReadyCheck = () => Promise<Record<string, unknown>>;

export function healthRoutes(log: Logger, ready: ReadyCheck = async () => ({})): Route[] {
  const started = Date.now();
  const readiness: Route["handler"] = async (_request, reply) => {
    try {
      return { status: "ok", ...(await ready()) };
    } catch (error) {
      const reason = (error as Error).message;
      log.warn({ reason }, "not ready");
      return reply.code(503).send({ status: "unavailable", reason });
    }
  };
  return [
    {
      method: "GET",
      path: "/health/live",
      handler: async () => ({
        status: "ok",
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      }),
    },
    { method: "GET", path: "/health/ready", handler: readiness },
    { method: "GET", path: "/health", handler: readiness },
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
