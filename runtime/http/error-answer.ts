// The one way an error is answered outside a GraphQL response (a route's refusal, an operation a
// route ran that failed, a request refused before GraphQL): the status, the Retry-After header and
// the body all come from the one table (runtime/errors.ts errorAnswer), with the request id.
import type { FastifyReply, FastifyRequest } from "fastify";
import { errorAnswer, type HubError } from "../errors";

export function sendError(request: FastifyRequest, reply: FastifyReply, error: HubError) {
  const answer = errorAnswer(error, request.id);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}
