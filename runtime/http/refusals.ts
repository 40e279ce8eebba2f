// Requests a server refuses before its handler does any work (runtime/errors.ts RequestRefusal):
// a JSON body nesting too deep, a URL that does not decode, and what routes throw (a GraphQL
// document over a limit, no usable Host). Each is answered with its code's status in the error
// shape of the one table, with the request id, and logged as one line per kind, repeats capped.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RequestRefusal } from "../errors";
import type { RepeatFilter } from "../log";
import { sendError } from "./error-answer";
import { nestsDeeperThan } from "./nesting";

/** Answers a refusal and logs it (one line per kind and minute, up to the filter's cap). */
export function answerRefusal(
  repeats: RepeatFilter,
  error: RequestRefusal,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  repeats.info(
    error.kind,
    { requestId: request.id, method: request.method, path: request.url.split("?")[0] },
    error.message,
  );
  void sendError(request, reply, error);
}

/** A path Fastify cannot decode (`/certificates/verify/%ff`). */
export const badUrl = () =>
  new RequestRefusal(
    "BAD_REQUEST",
    "bad url",
    "the URL is malformed: a % not followed by two hex digits, or bytes that are not UTF-8",
  );

/** The text of each JSON body as it arrived, by request (the bytes a subgraph credential signs). */
const jsonTexts = new WeakMap<FastifyRequest, string>();

/** The JSON body's text as it arrived; undefined when the request had no JSON body. */
export const jsonBodyText = (request: FastifyRequest) => jsonTexts.get(request);

/**
 * Replaces Fastify's JSON parser by the same parser (prototype poisoning refused) after a scan
 * that refuses a body nesting deeper than maxDepth: nothing that walks a request's values
 * recursively (JSON.stringify of the variables in the response cache's and the dedup's keys)
 * ever sees one that would overflow the stack. V8's JSON.parse itself does not recurse.
 */
export function shallowJsonParser(app: FastifyInstance, maxDepth: number) {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string" },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      if (!nestsDeeperThan(text, maxDepth)) {
        jsonTexts.set(request, text);
        return parse(request, text, done);
      }
      done(
        new RequestRefusal(
          "BAD_REQUEST",
          "json nesting",
          `the request body nests arrays or objects more than ${maxDepth} levels deep; flatten it`,
        ),
        undefined,
      );
    },
  );
}
