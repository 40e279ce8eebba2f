// Forwards the caller's bearer token to every subgraph, which verifies it again.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

interface SubgraphErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

/** graphql-js's own wording for a refused literal, and our Date/DateTime scalars' (scalars.ts). */
const SCALAR_REFUSAL =
  /^Expected value of type|is not a date; write it as|is not an ISO timestamp|is written as/;

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
    // An inline literal the subgraph's scalar refuses comes back as a validation failure; other
    // validation failures (a stale supergraph, say) are the hub's fault and stay server errors.
    const refusedLiteral =
      code === "GRAPHQL_VALIDATION_FAILED" && SCALAR_REFUSAL.test(first?.message ?? "");
    if (
      response.status === 400 &&
      first?.message &&
      (code === "BAD_USER_INPUT" || refusedLiteral)
    ) {
      return new GraphQLError(first.message, { extensions: { code: "BAD_USER_INPUT" } });
    }
    return error;
  }
}
