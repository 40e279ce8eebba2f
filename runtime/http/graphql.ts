// GraphQL as one route of the table: GET and POST /graphql, handled by Apollo Server through its
// Fastify integration. A context factory that throws a DomainError (a bad token) is answered with
// that error's code and HTTP status before any resolver runs. Before Apollo is asked, the route
// refuses what would make its work unbounded or fail inside it: a document over the limits that
// its tokens show (runtime/http/document-limits.ts), variables nesting too deep, no usable Host.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyRequest } from "fastify";
import { contextError, RequestRefusal } from "../errors";
import { documentProblem, type DocumentLimits, type DocumentProblem } from "./document-limits";
import { nestsDeeperThan } from "./nesting";
import type { Route } from "./server";

type Handler = Route["handler"];

export const GRAPHQL_PATH = "/graphql";

export interface GraphqlRouteOptions {
  /** What a document may ask, checked on its tokens before it is parsed (config.limits). */
  document?: DocumentLimits;
}

/** The operations of a GET or POST (a batch is an array of operations). */
function operationsOf(request: FastifyRequest): Array<Record<string, unknown>> {
  const carrier = request.method === "GET" ? request.query : request.body;
  const operations = Array.isArray(carrier) ? carrier : [carrier];
  return operations.filter((op): op is Record<string, unknown> => !!op && typeof op === "object");
}

/** Documents judged at most (a client inventing texts gets the older ones forgotten). */
const JUDGED_KEPT = 500;
/**
 * The longest text judged once: V8 hashes a longer string by its length alone, so that
 * different texts of one length would all meet in one slot of the map.
 */
const JUDGED_CHARS = 16_000;

/**
 * documentProblem is a pure function of the text and the limits, and clients send the same few
 * texts again and again: its verdict is kept per text (one pass of the lexer, 6-11 µs for the
 * benchmark's reads, against a map lookup).
 */
class JudgedDocuments {
  private readonly verdicts = new Map<string, DocumentProblem | null>();
  constructor(private readonly limits: DocumentLimits) {}

  problem(query: string): DocumentProblem | null {
    if (query.length > JUDGED_CHARS) return documentProblem(query, this.limits);
    let verdict = this.verdicts.get(query);
    if (verdict === undefined) {
      verdict = documentProblem(query, this.limits);
      if (this.verdicts.size >= JUDGED_KEPT) this.verdicts.clear();
      this.verdicts.set(query, verdict);
    }
    return verdict;
  }
}

/** Refuses a document over a limit: nesting as a parse failure, the rest as validation ones. */
function checkDocument(query: unknown, judged: JudgedDocuments) {
  if (typeof query !== "string") return;
  const problem = judged.problem(query);
  if (!problem) return;
  throw new RequestRefusal(
    problem.limit === "nesting" ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED",
    `document limit: ${problem.limit}`,
    problem.message,
  );
}

/**
 * A GET's variables and extensions are JSON text that Apollo parses (a POST body was checked by
 * the server's JSON parser): nested thousands deep, they overflow the stack of whatever walks them
 * (the response cache's and the in-flight dedup's keys).
 */
function checkJsonParameters(operation: Record<string, unknown>, maxNesting: number) {
  for (const name of ["variables", "extensions"]) {
    const text = operation[name];
    if (typeof text === "string" && nestsDeeperThan(text, maxNesting))
      throw new RequestRefusal(
        "BAD_REQUEST",
        "json nesting",
        `the ${name} nest arrays or objects more than ${maxNesting} levels deep; flatten them`,
      );
  }
}

/**
 * Apollo's Fastify integration builds a URL from the Host header: without one (HTTP/1.0 may
 * leave it out) or with one that is no host name, it throws, which came out as a 500.
 */
function checkHost(request: FastifyRequest) {
  try {
    new URL(request.url, `${request.protocol}://${request.hostname}/`);
  } catch {
    throw new RequestRefusal(
      "BAD_REQUEST",
      "bad host",
      "the request has no usable Host header; send one (HTTP/1.0 requests too)",
    );
  }
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
  const limits = options.document;
  const judged = limits && new JudgedDocuments(limits);
  return {
    method: ["GET", "POST"],
    path: GRAPHQL_PATH,
    handler(request, reply) {
      checkHost(request);
      if (limits && judged) {
        for (const operation of operationsOf(request)) {
          checkDocument(operation.query, judged);
          checkJsonParameters(operation, limits.maxNesting);
        }
      }
      return apolloHandler(request, reply);
    },
  };
}
