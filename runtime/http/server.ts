// The HTTP server of every process: Fastify serving a route table. GraphQL is one route, /health
// another; a new endpoint is one more entry. Fastify enforces the body limit (413), parses JSON
// safely and drains connections on stop; errors outside GraphQL execution are answered in the
// GraphQL error shape with a code from the one table (runtime/errors.ts).
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type HTTPMethods,
  type RouteHandlerMethod,
} from "fastify";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { errorBody, httpStatusOf, redact, type ErrorCode } from "../errors";
import { errorFields, type Logger } from "../log";

export interface Route {
  method: HTTPMethods | HTTPMethods[];
  path: string;
  handler: (request: FastifyRequest, reply: FastifyReply) => unknown;
}

export interface ServeOptions {
  host?: string;
  port: number;
  bodyLimitBytes: number;
  routes: Route[];
  log: Logger;
  /** Runs after the server stopped taking requests (e.g. apollo.stop(), closing a database). */
  onStop?: () => Promise<void>;
}

export interface RunningServer {
  /** The GraphQL endpoint: http://host:port/graphql. */
  url: string;
  /** http://host:port, for the other routes. */
  origin: string;
  port: number;
  stop(): Promise<void>;
}

export const REQUEST_ID_HEADER = "x-request-id";

/** A request id given by the caller when it is 1-64 plain characters, else a new one. */
export const requestIdOf = (given: string | string[] | undefined): string =>
  typeof given === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();

/** What a client is told about an HTTP-level failure Fastify raised. */
function describe(
  error: FastifyError,
  bodyLimitBytes: number,
): { code: ErrorCode; message: string } {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        code: "PAYLOAD_TOO_LARGE",
        message: `the request body exceeds ${bodyLimitBytes} bytes; send fewer rows per request`,
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        code: "BAD_REQUEST",
        message: "send the request body as application/json",
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { code: "BAD_REQUEST", message: "the request body is empty" };
    default:
      // Fastify's JSON parser answers 400 for a body that is not JSON (SyntaxError underneath).
      return (error.statusCode === 400 && /JSON/i.test(error.code ?? "")) ||
        error instanceof SyntaxError
        ? { code: "BAD_REQUEST", message: "the request body is not valid JSON" }
        : { code: "BAD_REQUEST", message: "the HTTP request is malformed" };
  }
}

function buildApp(options: ServeOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.log as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    // Operations are logged by the gateway's request-log plugin, without their variables.
    logController: new LogController({ disableRequestLogging: true }),
    keepAliveTimeout: 5000,
    // A proxy in front decides who the client is; this server only trusts loopback.
    trustProxy: "127.0.0.1",
    // Every request has an id: the caller's X-Request-Id when it is a sane one (the gateway passes
    // its own to the subgraphs), else a new one. It is in the answer's header and in the logs.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers["x-request-id"]),
  });
  app.addHook("onRequest", async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: route.handler as RouteHandlerMethod,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(httpStatusOf("ROUTE_NOT_FOUND"))
      .send(
        errorBody(
          "ROUTE_NOT_FOUND",
          `not found: ${request.method} ${request.url.split("?")[0]}; the GraphQL endpoint is /graphql`,
          request.id,
        ),
      );
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const { code, message } = describe(error, options.bodyLimitBytes);
      void reply.code(httpStatusOf(code)).send(errorBody(code, message, request.id));
      return;
    }
    request.log.error(
      { path: request.url.split("?")[0], ...errorFields(error, redact) },
      "request failed",
    );
    void reply.code(500).send(errorBody("INTERNAL_SERVER_ERROR", "internal error", request.id));
  });
  return app;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const app = buildApp(options);
  await app.listen({ port: options.port, host: options.host ?? "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  const host =
    options.host && options.host !== "0.0.0.0" && options.host !== "::"
      ? options.host
      : "localhost";
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    port,
    origin,
    url: `${origin}/graphql`,
    stop() {
      // Idle keep-alive connections close at once; requests in flight get 10 s to finish.
      stopped ??= (async () => {
        const force = setTimeout(() => app.server.closeAllConnections(), 10_000);
        try {
          await app.close();
        } finally {
          clearTimeout(force);
        }
        await options.onStop?.();
      })();
      return stopped;
    },
  };
}
