// GET /graphiql, and GET /graphql from a browser: the hub's GraphQL IDE (ide/, bundled by npm run
// build into dist/ide/): GraphiQL with the schema explorer and the contract's operations as
// examples. Every script, style and font comes from the hub. Off in production unless GRAPHIQL=1.
import path from "node:path";
import type { FastifyRequest } from "fastify";
import { HubError } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Route } from "../../runtime/http/server";
import { builtPageDir, pageRoutes, sendPageFile, type StaticPage } from "./static-page";

export const DEFAULT_IDE_DIR = builtPageDir([
  path.join(__dirname, "..", "..", "ide"),
  path.join(__dirname, "..", "..", "dist", "ide"),
]);

/** A browser navigating to the URL (not a GraphQL client's GET, which asks for JSON). */
const wantsPage = (request: FastifyRequest) =>
  request.method === "GET" &&
  /\btext\/html\b/.test(request.headers.accept ?? "") &&
  !(request.query as Record<string, unknown> | undefined)?.query;

export interface GraphiqlOptions {
  enabled: boolean;
  dir?: string;
  /** Origins the page may fetch from besides the hub (the identity provider's). */
  connect?: readonly string[];
}

/**
 * The IDE's own routes, and the GraphQL route taught to answer a browser with the IDE: GET
 * /graphql with Accept: text/html and no query gets the page instead of a GraphQL error.
 */
export function graphiqlRoutes(graphql: Route, options: GraphiqlOptions): Route[] {
  const page: StaticPage = {
    name: "GraphiQL page",
    dir: options.dir ?? DEFAULT_IDE_DIR,
    connect: options.connect,
  };
  if (!options.enabled) {
    const off: Route["handler"] = (request, reply) =>
      sendError(
        request,
        reply,
        new HubError(
          "ROUTE_NOT_FOUND",
          "the GraphQL IDE is off on this server (GRAPHIQL=1 turns it on); the GraphQL endpoint is POST /graphql",
        ),
      );
    return [graphql, { method: "GET", path: "/graphiql", handler: off }];
  }
  return [
    {
      ...graphql,
      handler: (request, reply) =>
        wantsPage(request)
          ? sendPageFile(page, "index.html", request, reply)
          : graphql.handler(request, reply),
    },
    ...pageRoutes(page, {
      "/graphiql": "index.html",
      "/graphiql/": "index.html",
      "/graphiql/app.js": "app.js",
      "/graphiql/app.css": "app.css",
    }),
  ];
}
