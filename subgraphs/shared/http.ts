// A small HTTP front for an ApolloServer: POST/GET /graphql, GET /health, a body-size limit, and a
// stop() that drains connections. Used by the gateway and every subgraph.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError } from "graphql";
import { ApolloServer, HeaderMap, type BaseContext } from "@apollo/server";
import { DomainError } from "./errors";

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface ServeOptions<TContext> {
  port: number;
  host?: string;
  bodyLimitBytes: number;
  context(req: IncomingMessage): Promise<TContext>;
  health?(): Promise<Record<string, unknown>>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** Context factories throw DomainError; Apollo only keeps the code of a GraphQLError. */
export function contextError(error: unknown): never {
  if (error instanceof DomainError) {
    const status = error.code === "UNAUTHENTICATED" ? 401 : error.code === "FORBIDDEN" ? 403 : 400;
    throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
  }
  throw error;
}

export async function serveGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: ServeOptions<TContext>,
): Promise<RunningServer> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/health") {
        sendJson(res, 200, { status: "ok", ...(options.health ? await options.health() : {}) });
        return;
      }
      if (url.pathname !== "/graphql") {
        sendJson(res, 404, { error: "not found: the GraphQL endpoint is /graphql" });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const raw = req.method === "POST" ? await readBody(req, options.bodyLimitBytes) : "";
      let body: unknown = raw;
      if (raw && (headers.get("content-type") ?? "").includes("application/json")) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendJson(res, 400, {
            errors: [
              {
                message: "the request body is not valid JSON",
                extensions: { code: "BAD_REQUEST" },
              },
            ],
          });
          return;
        }
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
        context: async () => {
          try {
            return await options.context(req);
          } catch (error) {
            contextError(error);
          }
        },
      });
      const outHeaders: Record<string, string> = {};
      for (const [key, value] of response.headers) outHeaders[key] = value;
      res.writeHead(response.status ?? 200, outHeaders);
      if (response.body.kind === "complete") {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, {
          errors: [
            {
              message: `the request body exceeds ${options.bodyLimitBytes} bytes`,
              extensions: { code: "BAD_REQUEST" },
            },
          ],
        });
        return;
      }
      console.error("[http]", error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "internal error" }] });
      else res.end();
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "localhost";
  return {
    port,
    url: `http://${host}:${port}/graphql`,
    async stop() {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
