// Forwards the caller's bearer token to every subgraph, which verifies it again.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

interface SubgraphErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
  ) {
    super({ url });
  }

  /** A subgraph that cannot be reached is named to the client; its address is only logged. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      console.error(`[gateway] ${this.serviceName} unreachable: ${(error as Error).message}`);
      throw new GraphQLError(`the ${this.serviceName} service is unavailable; try again later`, {
        extensions: {
          code: "INTERNAL_SERVER_ERROR",
          serviceName: this.serviceName,
          unavailable: true,
        },
      });
    }
  }

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
    const code = first?.extensions?.code;
    // An inline literal the subgraph's scalar refuses comes back as a validation failure: the
    // client's input is at fault either way.
    if (
      response.status === 400 &&
      first?.message &&
      (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED")
    ) {
      return new GraphQLError(first.message, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return error;
  }
}
