// GET /health: 200 with what the process reports about itself, or 503 when its check fails (a
// database that does not answer), so that a load balancer takes it out of rotation.
import type { Logger } from "../log";
import type { Route } from "./server";

export function healthRoute(
  log: Logger,
  check: () => Promise<Record<string, unknown>> = async () => ({}),
): Route {
  return {
    method: "GET",
    path: "/health",
    async handler(_request, reply) {
      try {
        return { status: "ok", ...(await check()) };
      } catch (error) {
        log.warn({ reason: (error as Error).message }, "health check failed");
        return reply.code(503).send({ status: "unavailable" });
      }
    },
  };
}
