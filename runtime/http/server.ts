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
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import { DEFAULT_TRUSTED_PROXIES, type HubConfig } from "../config";
import { errorAnswer, httpStatusOf, HubError, redact, RequestRefusal } from "../errors";
import { errorFields, RepeatFilter, type Logger } from "../log";
import { sendError } from "./error-answer";
import { answerRefusal, badUrl, shallowJsonParser } from "./refusals";
import type { Tracing } from "../tracing";
import { httpSpans } from "../tracing/http";

export interface Route {
  method: HTTPMethods | HTTPMethods[];
  path: string;
  handler: (request: FastifyRequest, reply: FastifyReply) => unknown;
  /** No trace span for it (health checks, /metrics: polled, and about nothing). */
  untraced?: boolean;
}

/**
 * How long clients may take and how many may connect: the one place every server (gateway and
 * subgraphs alike) takes its HTTP settings from, built from the configuration by httpSettings().
 */
export interface HttpSettings {
  /** Time to send the headers; then 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** Time to send the whole request, body included; then 408 and closed. */
  requestTimeoutMs: number;
  /** Idle time after which a keep-alive connection is closed. */
  keepAliveTimeoutMs: number;
  /** Open connections at once; more are closed as they arrive. */
  maxConnections: number;
  /** How deep a JSON body may nest arrays and objects (default 128); deeper ones are refused. */
  maxJsonDepth?: number;
  /** Log lines per minute for each kind of client failure (aborts, timeouts); default 10. */
  logRepeatsPerMinute?: number;
  /** Peers whose X-Forwarded-For names the client (request.ip); default: loopback. */
  trustedProxies?: string[];
}

/** The HTTP settings of this configuration (limits and servers sections). */
export const httpSettings = (config: HubConfig): HttpSettings => ({
  headersTimeoutMs: config.limits.headersTimeoutMs,
  requestTimeoutMs: config.limits.requestTimeoutMs,
  keepAliveTimeoutMs: config.servers.keepAliveTimeoutMs,
  maxConnections: config.limits.maxConnections,
  maxJsonDepth: config.limits.maxParseDepth,
  logRepeatsPerMinute: config.log.repeatsPerMinute,
  trustedProxies: config.servers.trustedProxies,
});

/** What a server gets without settings: the defaults of the configuration. */
const DEFAULT_HTTP: HttpSettings = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 1000,
};

export interface ServeOptions {
  host?: string;
  port: number;
  bodyLimitBytes: number;
  routes: Route[];
  log: Logger;
  /** Timeouts and the connection cap; httpSettings(config) gives them (default: DEFAULT_HTTP). */
  http?: HttpSettings;
  /** Where client failures are logged, repeats capped (default: from http.logRepeatsPerMinute). */
  repeats?: RepeatFilter;
  /** Runs after the server stopped taking requests (e.g. apollo.stop(), closing a database). */
  onStop?: () => Promise<void>;
  /** The server's tracing: a span per request while it is enabled (default: off). */
  tracing?: Tracing;
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
function describe(error: FastifyError, bodyLimitBytes: number): HubError {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HubError(
        "PAYLOAD_TOO_LARGE",
        `the request body exceeds ${bodyLimitBytes} bytes; send fewer rows per request`,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HubError("BAD_REQUEST", "send the request body as application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new HubError("BAD_REQUEST", "the request body is empty");
    default:
      // Fastify's JSON parser answers 400 for a body that is not JSON (SyntaxError underneath).
      return new HubError(
        "BAD_REQUEST",
        (error.statusCode === httpStatusOf("BAD_REQUEST") && /JSON/i.test(error.code ?? "")) ||
          error instanceof SyntaxError
          ? "the request body is not valid JSON"
          : "the HTTP request is malformed",
      );
  }
}

/** Marks a request whose "Expect: 100-continue" was answered 413: its body never comes. */
const BODY_REFUSED = Symbol("bodyRefused");

/**
 * Node answers "100 Continue" by itself unless the server listens for checkContinue: a client
 * that announces a body over the limit is answered 413 instead of being invited to send it.
 */
function refuseAnnouncedOversizedBodies(app: FastifyInstance, bodyLimitBytes: number) {
  app.server.on("checkContinue", (request: IncomingMessage, response: ServerResponse) => {
    if (Number(request.headers["content-length"]) > bodyLimitBytes)
      (request as IncomingMessage & { [BODY_REFUSED]?: true })[BODY_REFUSED] = true;
    else response.writeContinue();
    app.server.emit("request", request, response);
  });
}

/**
 * After a 413, reads and drops the rest of the body and keeps the connection: Fastify closes it
 * while the client is still sending, which resets it before the client reads the answer ("Empty
 * reply from server"). The request timeout bounds how long a client may go on sending.
 */
function drainRefusedBody(request: FastifyRequest, reply: FastifyReply) {
  if ((request.raw as IncomingMessage & { [BODY_REFUSED]?: true })[BODY_REFUSED]) return;
  reply.removeHeader("connection");
  request.raw.resume();
}

/** A client's request ended before it was complete: the client went away (not our failure). */
const abortedByClient = (error: FastifyError, request: FastifyRequest) =>
  error.code === "ECONNRESET" || request.raw.aborted || request.raw.socket?.destroyed === true;

/**
 * Marks a connection whose failure was logged: Node reports a connection closed mid-request both
 * to Fastify and as a client error, and a timed-out request is seen aborted once closed.
 */
const ABORT_LOGGED = Symbol("abortLogged");

/** Logs an aborted request once per connection, however many parts of Node notice it. */
function logAbort(repeats: RepeatFilter, socket: object | null, fields: Record<string, unknown>) {
  const marked = socket as { [ABORT_LOGGED]?: true } | null;
  if (marked?.[ABORT_LOGGED]) return;
  if (marked) marked[ABORT_LOGGED] = true;
  repeats.info("request aborted", fields, "request aborted by the client");
}

/**
 * Failures Node reports before a request reaches Fastify (timeouts, malformed or oversized
 * headers, a connection closed mid-request): answered in the error shape of the one table when
 * the client is still there, logged as one line per kind with repeats capped.
 */
function clientErrorHandler(repeats: RepeatFilter) {
  return (error: NodeJS.ErrnoException, socket: Duplex) => {
    const remote = (socket as Duplex & { remoteAddress?: string }).remoteAddress;
    if (error.code === "ECONNRESET" || error.code === "HPE_INVALID_EOF_STATE" || socket.destroyed) {
      logAbort(repeats, socket, { remote });
      socket.destroy();
      return;
    }
    const refusal =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new RequestRefusal(
            "REQUEST_TIMEOUT",
            "request timeout",
            "the request was not sent in time",
          )
        : error.code === "HPE_HEADER_OVERFLOW"
          ? new RequestRefusal(
              "HEADERS_TOO_LARGE",
              "headers too large",
              "the request's headers are too large",
            )
          : new RequestRefusal("BAD_REQUEST", "malformed request", "the HTTP request is malformed");
    // The connection is closed below: Fastify then sees its request aborted; one line is enough.
    (socket as Duplex & { [ABORT_LOGGED]?: true })[ABORT_LOGGED] = true;
    repeats.info(refusal.kind, { remote, reason: error.code }, refusal.message);
    if (socket.writable) {
      const { status, body: answer } = errorAnswer(refusal);
      const body = JSON.stringify(answer);
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
          `Content-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}

function buildApp(options: ServeOptions): FastifyInstance {
  const http = options.http ?? DEFAULT_HTTP;
  const repeats = options.repeats ?? new RepeatFilter(options.log, http.logRepeatsPerMinute ?? 10);
  // Typed as Fastify's logger so that the app is a plain FastifyInstance, not one of pino's Logger.
  const logger: FastifyBaseLogger = options.log;
  const app: FastifyInstance = Fastify({
    loggerInstance: logger,
    bodyLimit: options.bodyLimitBytes,
    // Operations are logged by the gateway's request-log plugin, without their variables.
    logController: new LogController({ disableRequestLogging: true }),
    // A client that never finishes its headers or body gets 408 and its connection closed. Node
    // checks the open connections every connectionsCheckingInterval (30 s by default, which let
    // a stalled request live 90 s), so the check runs several times per timeout.
    http: {
      headersTimeout: http.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1000, Math.floor(http.headersTimeoutMs / 4)),
      ),
    },
    requestTimeout: http.requestTimeoutMs,
    clientErrorHandler: clientErrorHandler(repeats),
    // A path that does not decode: in the error shape of the one table, not Fastify's own
    // (refused before the onRequest hook below gives the answer its request id header).
    frameworkErrors: (_error, request, reply) =>
      answerRefusal(repeats, badUrl(), request, reply.header(REQUEST_ID_HEADER, request.id)),
    keepAliveTimeout: http.keepAliveTimeoutMs,
    // A proxy in front decides who the client is (request.ip, which anonymous budgets are kept
    // by): only a peer listed in TRUSTED_PROXIES, loopback by default. Walking X-Forwarded-For
    // from the right, the first address that is not a trusted proxy is the client.
    trustProxy: http.trustedProxies ?? DEFAULT_TRUSTED_PROXIES,
    // Every request has an id: the caller's X-Request-Id when it is a sane one (the gateway passes
    // its own to the subgraphs), else a new one. It is in the answer's header and in the logs.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers["x-request-id"]),
  });
  app.addHook("onRequest", async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.server.maxConnections = http.maxConnections;
  refuseAnnouncedOversizedBodies(app, options.bodyLimitBytes);
  shallowJsonParser(app, http.maxJsonDepth ?? 128);
  // Tracing off: not even a hook (the request path is what it was before tracing existed).
  addRoutes(app, options.routes, options.tracing?.enabled ? httpSpans(options.tracing) : null);
  app.setNotFoundHandler((request, reply) => {
    void sendError(
      request,
      reply,
      new HubError(
        "ROUTE_NOT_FOUND",
        `not found: ${request.method} ${request.url.split("?")[0]}; the GraphQL endpoint is /graphql`,
      ),
    );
  });
  app.setErrorHandler(errorHandler(repeats, options.bodyLimitBytes));
  return app;
}

/** The route table, each handler in its span when tracing is on. */
function addRoutes(
  app: FastifyInstance,
  routes: ServeOptions["routes"],
  spans: ReturnType<typeof httpSpans> | null,
) {
  if (spans) app.addHook("onRequest", async (request, reply) => spans.start(request, reply));
  for (const route of routes) {
    const handler: RouteHandlerMethod = spans ? spans.wrap(route.handler) : route.handler;
    app.route({
      method: route.method,
      url: route.path,
      config: { untraced: route.untraced === true },
      handler,
    });
  }
}

/** What a route's error becomes: a refusal from the one table, or a logged internal error. */
function errorHandler(repeats: RepeatFilter, bodyLimitBytes: number) {
  return (error: FastifyError | RequestRefusal, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof RequestRefusal) return answerRefusal(repeats, error, request, reply);
    const status = error.statusCode ?? httpStatusOf("INTERNAL_SERVER_ERROR");
    if (abortedByClient(error, request)) {
      // Nobody is left to answer; one line, no stack, repeats capped.
      logAbort(repeats, request.raw.socket, {
        method: request.method,
        path: request.url.split("?")[0],
        remote: request.ip,
      });
      return;
    }
    if (status < httpStatusOf("INTERNAL_SERVER_ERROR")) {
      if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") drainRefusedBody(request, reply);
      void sendError(request, reply, describe(error, bodyLimitBytes));
      return;
    }
    request.log.error(
      { path: request.url.split("?")[0], ...errorFields(error, redact) },
      "request failed",
    );
    void sendError(request, reply, new HubError("INTERNAL_SERVER_ERROR", "internal error"));
  };
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
