// Routes that answer with what a GraphQL operation of the hub says (the Atom feed, a certificate's
// PDF, its public check; downloads to come) run the operation and answer its errors through here,
// so that every such route reads the hub the same way and every error it answers has its status
// and body from the one table (runtime/errors.ts).
//
// A route that runs an operation:
//   1. keeps its document in gateway/operations/<name>.graphql (the schema test checks every one
//      against the supergraph; npm run build puts it in the trusted documents' manifest) and
//      reads it once: `const DOC = routeOperation("<name>")`, which sends it by id;
//   2. runs it as the public or as its caller:
//        const data = await runOperation<Data>(apollo, DOC, {
//          variables: { ... },
//          context: anonymousContext(request), // or: await gatewayContext(request, hub)
//        });
//      which returns the operation's data, or throws a HubError with the code of the operation's
//      first error (a code not in the table: INTERNAL_SERVER_ERROR, "internal error"), its message
//      and its extensions (retryAfterSeconds of RATE_LIMITED, say); gatewayContext throws a
//      DomainError (401 UNAUTHENTICATED) for a bad token;
//   3. throws a HubError or DomainError of its own for its own refusals (badInput(...),
//      notFound(...), new HubError("ROUTE_NOT_FOUND", ...)), never an ad-hoc status or body;
//   4. answers in one catch: `return answerError(request, reply, error, { log })`, which sends a
//      HubError with the code's status, Retry-After when it carries retryAfterSeconds, and the
//      error body (or a line of text for a page a person reads: `text`), and rethrows anything
//      else to the server, which logs it and answers 500 INTERNAL_SERVER_ERROR.
import path from "node:path";
import type { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { GraphQLFormattedError } from "graphql";
import { errorAnswer, HubError, isErrorCode, isHubFailure } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Logger } from "../../runtime/log";
import { readOperation } from "../../runtime/operations";
import { trustedRequest } from "../../runtime/trusted-documents/manifest";
import type { GatewayContext } from "../context";

/**
 * How a route asks for gateway/operations/<name>.graphql, read once when the route's module loads:
 * by its trusted document id (schema/trusted-documents.json), as every client of the hub sends its
 * operations (gateway/plugins/trusted-documents.ts), not by its text.
 */
export const routeOperation = (name: string): RouteOperation =>
  trustedRequest(readOperation(path.join(__dirname, "..", "operations"), name));

export type RouteOperation = ReturnType<typeof trustedRequest>;

export interface OperationRun {
  variables?: Record<string, unknown>;
  /** Whom the operation runs as: anonymousContext(request), or gatewayContext(request, hub). */
  context: GatewayContext;
}

/**
 * The HubError of an operation's error: its code when the table has it (else the hub's own
 * failure, with nothing of the error's text), its message, and its extensions but the request id
 * (the route's answer carries its own).
 */
export function operationError(error: GraphQLFormattedError): HubError {
  const { code, requestId: _requestId, ...details } = error.extensions ?? {};
  if (!isErrorCode(code)) return new HubError("INTERNAL_SERVER_ERROR", "internal error");
  return new HubError(code, error.message, details);
}

/**
 * Runs a document through the gateway's own Apollo Server (its plugins included: limits, budgets,
 * the errors plugin) and returns its data; any error in the answer is thrown as a HubError.
 */
export async function runOperation<TData>(
  apollo: ApolloServer<GatewayContext>,
  /** A route's operation by id (routeOperation), or a document's text. */
  operation: RouteOperation | string,
  run: OperationRun,
): Promise<TData> {
  const request = typeof operation === "string" ? { query: operation } : operation;
  const response = await apollo.executeOperation<TData>(
    { ...request, variables: run.variables },
    { contextValue: run.context },
  );
  if (response.body.kind !== "single")
    throw new Error("a route's operation answered incrementally; routes run single answers");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw operationError(errors[0]);
  if (!data) throw new HubError("INTERNAL_SERVER_ERROR", "the operation answered no data");
  return data;
}

export interface AnswerOptions {
  /** Where the hub's own failures (a 5xx code) are logged as a warning. */
  log?: Logger;
  /** A page a person reads: the answer is this text (status and headers still the table's). */
  text?: (error: HubError) => string;
}

/**
 * Answers what a route threw: a HubError (DomainError, RequestRefusal) with its code's status,
 * Retry-After, WWW-Authenticate for UNAUTHENTICATED, and the error body or options.text. Anything
 * else is rethrown to the server's error handler (logged, 500 INTERNAL_SERVER_ERROR).
 */
export function answerError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  options: AnswerOptions = {},
) {
  if (!(error instanceof HubError)) throw error;
  if (isHubFailure(error.code))
    options.log?.warn(
      { path: request.url.split("?")[0], code: error.code, reason: error.message },
      "route failed",
    );
  if (error.code === "UNAUTHENTICATED") reply.header("www-authenticate", "Bearer");
  if (!options.text) return sendError(request, reply, error);
  const { status, headers } = errorAnswer(error, request.id);
  return reply
    .code(status)
    .headers(headers)
    .type("text/plain; charset=utf-8")
    .send(options.text(error));
}
