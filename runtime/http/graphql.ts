// GraphQL as one route of the table: GET and POST /graphql, handled by Apollo Server through its
// Fastify integration. A context factory that throws a DomainError (a bad token) is answered with
// that error's code and HTTP status before any resolver runs.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyRequest } from "fastify";
import { contextError, errorBody, httpStatusOf } from "../errors";
import { nestsDeeperThan } from "./nesting";
import type { Route } from "./server";

type Handler = Route["handler"];

export const GRAPHQL_PATH = "/graphql";

export interface GraphqlRouteOptions {
  /** Documents nesting deeper than this are refused before parsing (config.limits). */
  maxParseDepth?: number;
}

/** The query texts of a GET or POST (a batch is an array of operations). */
function queryTexts(request: FastifyRequest): string[] {
  const carrier = request.method === "GET" ? request.query : request.body;
  const operations = Array.isArray(carrier) ? carrier : [carrier];
  return operations
    .map((op) => (op && typeof op === "object" ? (op as { query?: unknown }).query : undefined))
    .filter((q): q is string => typeof q === "string");
}

export function graphqlRoute<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (request: FastifyRequest) => Promise<TContext>,
  options: GraphqlRouteOptions = {},
): Route {
  // The integration types its handler for its own route generics; any request fits.
  const apolloHandler = fastifyApolloHandler<TContext>(apollo, {
    context: async (request) => {
      try {
        return await context(request);
      } catch (error) {
        contextError(error, request.id);
      }
    },
  }) as unknown as Handler;
  const { maxParseDepth } = options;
  return {
    method: ["GET", "POST"],
    path: GRAPHQL_PATH,
    handler(request, reply) {
      if (maxParseDepth && queryTexts(request).some((q) => nestsDeeperThan(q, maxParseDepth))) {
        return reply
          .code(httpStatusOf("GRAPHQL_PARSE_FAILED"))
          .send(
            errorBody(
              "GRAPHQL_PARSE_FAILED",
              `the query nests braces, brackets or parentheses more than ${maxParseDepth} levels deep; flatten it`,
              request.id,
            ),
          );
      }
      return apolloHandler(request, reply);
    },
  };
}
