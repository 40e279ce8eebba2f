// Forwards the caller's bearer token to every subgraph, which verifies it again.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

interface SubgraphErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (context?.authorization) request.http?.headers.set("authorization", context.authorization);
  }

  /**
   * A subgraph answers HTTP 400 when a variable fails its scalar (e.g. a Date of 2026-02-30, which
   * the gateway passes through unchecked because custom scalars are opaque to it). Pass that
   * BAD_USER_INPUT and its message on to the client instead of a bare "400: Bad Request".
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0],
  ) {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions?.response as { body?: SubgraphErrorBody } | undefined)?.body;
    const first = typeof body === "object" ? body?.errors?.[0] : undefined;
    if (response.status === 400 && first?.extensions?.code === "BAD_USER_INPUT" && first.message) {
      return new GraphQLError(first.message, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return error;
  }
}
