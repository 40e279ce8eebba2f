// How the gateway talks to one subgraph: RemoteGraphQLDataSource with its hooks. The caller the
// gateway verified goes with every request in the gateway's credential (the token itself stays
// here); whether the call may be sent twice is decided once, from its parsed operation
// (call-kind.ts); a subgraph that cannot be reached is named to the client while its address only goes to the log; a mutation that got
// no answer says whether it can have been written (SERVICE_UNAVAILABLE: it never left;
// OUTCOME_UNKNOWN: it went out, no answer came); a BAD_USER_INPUT a subgraph answers with HTTP
// 400 (a Date literal its scalar refused) reaches the client as such.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import { REQUEST_ID_HEADER } from "../runtime/http/server";
import { graphQLError, httpStatusOf } from "../runtime/errors";
import { RepeatFilter, type Logger } from "../runtime/log";
import { entityLogOf, noteSubgraphAnswer } from "./cache-entities";
import type { GatewayContext } from "./context";
import { CALL_KIND_HEADER, callKindOf } from "./call-kind";
import { CALL_CALLER, type CallerInit } from "./credential-fetcher";
import { EntityBatcher, entitiesField, type Incoming } from "./entity-batch";
import { WriteNotSent, WriteOutcomeUnknown } from "./subgraph-calls";
import type { Fetcher } from "./subgraph-fetcher";

interface SubgraphErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

type FetchResponse = Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0];
type SubgraphRequest = GraphQLDataSourceProcessOptions<GatewayContext>["request"];
type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type ProcessAnswer = ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]>;

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** One line per failure kind and subgraph, repeats capped: a subgraph down under load. */
  private readonly repeats: RepeatFilter;
  /** Entity fetches deduplicated and merged per client request (entity-batch.ts), or null. */
  private readonly batcher: EntityBatcher<ProcessOptions> | null;

  constructor(
    private readonly serviceName: string,
    url: string,
    log: Logger,
    repeats?: RepeatFilter,
    fetcher?: Fetcher,
    /** Told how many representations each entity fetch carries (for /metrics). */
    private readonly onEntityFetch?: (representations: number) => void,
    /** Send each entity's representation once, and a level's entity fetches as one request. */
    batchEntities = false,
  ) {
    super(fetcher ? { url, fetcher } : { url });
    this.repeats = repeats ?? new RepeatFilter(log, 10);
    this.batcher = batchEntities
      ? new EntityBatcher<ProcessOptions>(
          async (options, outgoing) =>
            (await super.process(
              outgoing && "incomingRequestContext" in options
                ? {
                    ...options,
                    request: {
                      ...options.request,
                      query: outgoing.query,
                      operationName: outgoing.operationName,
                      variables: outgoing.variables,
                    },
                    document: outgoing.document,
                  }
                : options,
            )) as Incoming,
        )
      : null;
  }

  /** A client request's entity fetches go through the batcher; everything else as it comes. */
  override process(options: ProcessOptions): ProcessAnswer {
    const { request } = options;
    if (
      !this.batcher ||
      !("incomingRequestContext" in options) ||
      typeof request.query !== "string" ||
      !Array.isArray(request.variables?.representations) ||
      !entitiesField(options.document)
    )
      return super.process(options);
    return this.batcher.add(
      options.incomingRequestContext,
      {
        document: options.document!,
        query: request.query,
        operationName: request.operationName,
        variables: request.variables,
      },
      options,
    );
  }

  /**
   * Every subgraph call carries the request id and the gateway's credential (subgraphs answer
   * nothing without it), which credential-fetcher.ts signs for each try once the body is known
   * (sendRequest below passes it the caller). The call's kind (query or mutation) goes to the
   * retry layers.
   */
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request } = options;
    // Health checks and schema loading carry an untyped context; a client's request carries ours.
    const context = options.context as Partial<GatewayContext> | undefined;
    const headers = request.http?.headers;
    if (!headers) return;
    // A client's operation (its enum is not exported); schema loading and health checks are reads.
    const kind =
      "incomingRequestContext" in options
        ? callKindOf(options.document, options.incomingRequestContext.operation?.operation)
        : "query";
    headers.set(CALL_KIND_HEADER, kind);
    // An entity fetch's representations, or each merged one's (entity-batch.ts), as sent.
    for (const [name, value] of Object.entries(request.variables ?? {}))
      if (Array.isArray(value) && /^representations(_\d+)?$/.test(name))
        this.onEntityFetch?.(value.length);
    if (context?.requestId) entityLogOf(context as GatewayContext).sent += 1;
    // The gateway's own requests (none today) get an id of their own below.
    if (context?.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  /** What a client request's subgraph answer says about entities goes to the response cache. */
  override didReceiveResponse({
    response,
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>>[0]) {
    // Health checks and schema loading carry an untyped context, with no caller key.
    if (context && "requestId" in context) {
      const mutation = request.http?.headers.get(CALL_KIND_HEADER) === "mutation";
      noteSubgraphAnswer(context, response.extensions, mutation ? response.data : null);
    }
    return response;
  }

  /**
   * Anything but a GraphQL answer (refused connection, reset, timeout) means "unavailable"; for a
   * mutation, with what may have been written.
   */
  override didEncounterError(error: Error) {
    if (error instanceof GraphQLError) throw error;
    this.repeats.error(
      `subgraph unreachable: ${this.serviceName}`,
      { service: this.serviceName, reason: error.message },
      "subgraph unreachable",
    );
    const service = { serviceName: this.serviceName };
    if (error instanceof WriteOutcomeUnknown) {
      throw graphQLError(
        "OUTCOME_UNKNOWN",
        `the ${this.serviceName} service did not answer: the change may or may not have been ` +
          `written; read the current state before sending it again`,
        { details: service, http: true },
      );
    }
    if (error instanceof WriteNotSent) {
      throw graphQLError(
        "SERVICE_UNAVAILABLE",
        `the ${this.serviceName} service is unavailable; nothing was written, try again later`,
        { details: service, http: true },
      );
    }
    throw graphQLError(
      "INTERNAL_SERVER_ERROR",
      `the ${this.serviceName} service is unavailable; try again later`,
      { details: { ...service, unavailable: true } },
    );
  }

  /**
   * A subgraph answers HTTP 400 when a variable or literal fails its scalar (a Date of 2026-02-30,
   * which the gateway passes through unchecked because custom scalars are opaque to it): the
   * subgraph says BAD_USER_INPUT, and the client gets that code and message instead of a bare
   * "400: Bad Request". Other refusals (a stale supergraph, say) are the hub's fault.
   */
  override async errorFromResponse(response: FetchResponse) {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions?.response as { body?: SubgraphErrorBody } | undefined)?.body;
    const first = typeof body === "object" ? body?.errors?.[0] : undefined;
    if (
      response.status === httpStatusOf("BAD_USER_INPUT") &&
      first?.message &&
      first.extensions?.code === "BAD_USER_INPUT"
    ) {
      return graphQLError("BAD_USER_INPUT", first.message);
    }
    return error;
  }
}

/**
 * RemoteGraphQLDataSource's sendRequest (@apollo/gateway 2.14), step for step, without the
 * node-fetch Request it builds for every call only to hand to parseBody and didEncounterError,
 * which never read it (nor do ours): parsing the URL and copying the body into that Request cost
 * about 1.5 % of the gateway's CPU. It is private in the package's types, hence set on the
 * prototype here.
 */
async function sendRequest(
  this: SubgraphDataSource,
  request: SubgraphRequest,
  context: GatewayContext,
): Promise<Record<string, unknown>> {
  if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
  const { http, ...requestWithoutHttp } = request;
  const requestInit: CallerInit = {
    method: http.method,
    headers: Object.fromEntries(http.headers),
    body: JSON.stringify(requestWithoutHttp),
    // Health checks and schema loading carry an untyped context: the public's credential.
    [CALL_CALLER]: (context as Partial<GatewayContext> | undefined)?.caller ?? null,
  };
  let fetchResponse: FetchResponse | undefined;
  try {
    fetchResponse = await this.fetcher(http.url, requestInit);
    if (!fetchResponse.ok) throw await this.errorFromResponse(fetchResponse);
    const body = await this.parseBody(fetchResponse, undefined, context);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return { ...body, http: fetchResponse };
  } catch (error) {
    // Ours reads the error alone (the base's also takes the Request, the answer and the call).
    this.didEncounterError(error as Error);
    throw error;
  }
}

if (
  typeof (RemoteGraphQLDataSource.prototype as unknown as Record<string, unknown>).sendRequest !==
  "function"
)
  throw new Error(
    "@apollo/gateway's RemoteGraphQLDataSource has no sendRequest: review datasource.ts",
  );
Object.defineProperty(SubgraphDataSource.prototype, "sendRequest", {
  value: sendRequest,
  writable: true,
  configurable: true,
});
