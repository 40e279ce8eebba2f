// The server span of each HTTP request (runtime/http/server.ts): from the moment the request
// arrives (its body is read inside it) to the moment the answer is sent, a child of the caller's
// W3C traceparent when it sends one, else the root of a new trace. The route's handler runs in its
// context, so every span and log line of the request belongs to it. Only the route's pattern is
// recorded, never the path itself (a certificate number) or the query string.
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from "@opentelemetry/api";
import type { FastifyReply, FastifyRequest } from "fastify";
import { extractTraceContext, type Tracing } from "./index";

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

interface RequestSpan {
  span: Span;
  context: Context;
}

export interface HttpSpans {
  /** The onRequest hook that starts a request's span (none for routes marked untraced). */
  start(request: FastifyRequest, reply: FastifyReply): void;
  /** A route's handler, run inside its request's span. */
  wrap(handler: Handler): Handler;
}

export function httpSpans(tracing: Tracing): HttpSpans {
  const spans = new WeakMap<FastifyRequest, RequestSpan>();
  return {
    start(request, reply) {
      const config = request.routeOptions.config as { untraced?: boolean } | undefined;
      if (config?.untraced) return;
      const route = request.routeOptions.url;
      const parent = extractTraceContext(request.headers);
      const span = tracing.tracer.startSpan(
        route ? `${request.method} ${route}` : request.method,
        {
          kind: SpanKind.SERVER,
          attributes: {
            "http.request.method": request.method,
            ...(route ? { "http.route": route } : {}),
            "hub.request_id": request.id,
          },
        },
        parent,
      );
      spans.set(request, { span, context: trace.setSpan(parent, span) });
      reply.raw.once("close", () => {
        const status = reply.statusCode;
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    },
    wrap(handler) {
      return (request, reply) => {
        const found = spans.get(request);
        return found
          ? context.with(found.context, handler, undefined, request, reply)
          : handler(request, reply);
      };
    },
  };
}
