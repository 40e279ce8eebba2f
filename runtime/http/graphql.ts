// GraphQL as one route of the table: GET and POST /graphql, handled by Apollo Server through its
// Fastify integration. A context factory that throws a DomainError (a bad token) is answered with
// that error's code and HTTP status before any resolver runs.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyRequest } from "fastify";
import { contextError } from "../errors";
import type { Route } from "./server";

type Handler = Route["handler"];

export const GRAPHQL_PATH = "/graphql";

export function graphqlRoute<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (request: FastifyRequest) => Promise<TContext>,
): Route {
  return {
    method: ["GET", "POST"],
    path: GRAPHQL_PATH,
    // The integration types its handler for its own route generics; any request fits.
    handler: fastifyApolloHandler<TContext>(apollo, {
      context: async (request) => {
        try {
          return await context(request);
        } catch (error) {
          contextError(error, request.id);
        }
      },
    }) as unknown as Handler,
  };
}
