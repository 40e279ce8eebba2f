// One way to send GraphQL in tests. On an unexpected outcome it throws with the operation, the
// variables and the whole response, so a failing test explains itself.

export interface GraphQLResponse<T = unknown> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, unknown>;
  }>;
}

export interface Request {
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
  /** Sent verbatim as the Authorization header (for malformed-header tests). */
  authorization?: string;
  /** More headers (the gateway's credential, for a request straight to a subgraph). */
  headers?: Record<string, string>;
}

/** The JSON body send() posts for a request (what a gateway credential is signed over). */
export const bodyOf = (request: Request) =>
  JSON.stringify({ query: request.query, variables: request.variables });

export async function send<T = unknown>(
  url: string,
  request: Request,
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.authorization) headers.authorization = request.authorization;
  Object.assign(headers, request.headers);
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: bodyOf(request),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status, headers: response.headers };
}

function explain(request: Request, response: GraphQLResponse, why: string) {
  return new Error(
    `${why}\n--- operation ---\n${request.query.trim()}\n--- variables ---\n${JSON.stringify(request.variables ?? {}, null, 2)}` +
      `\n--- response (HTTP ${response.status}) ---\n${JSON.stringify({ data: response.data, errors: response.errors }, null, 2).slice(0, 4000)}`,
  );
}

/** Sends and expects data without errors. */
export async function execute<T = unknown>(url: string, request: Request): Promise<T> {
  const response = await send<T>(url, request);
  if (response.errors?.length || !response.data)
    throw explain(request, response, "expected data without errors");
  return response.data;
}

export type AnswerError = NonNullable<GraphQLResponse["errors"]>[number];

/** An answer as send() returns it, or an HTTP answer whose JSON body is in `body`. */
export type Answer =
  | Pick<GraphQLResponse<unknown>, "status" | "data" | "errors">
  | { status: number; body: { data?: unknown; errors?: AnswerError[] } };

/**
 * The one check of a refusal: the answer carries an error with this code (its first error, with
 * `first`; and, when given, that HTTP status and a message matching), and returns that error. On anything else it throws with
 * the whole answer, so a failing test explains itself.
 */
export function expectRefusal(
  answer: Answer,
  code: string,
  expected: { status?: number; message?: RegExp; first?: boolean } = {},
): AnswerError {
  const body = "body" in answer ? answer.body : answer;
  const candidates = expected.first ? body.errors?.slice(0, 1) : body.errors;
  const error = candidates?.find((e) => e.extensions?.code === code);
  const problem = !error
    ? `expected ${expected.first ? "a first error" : "an error"} with extensions.code ${code}`
    : expected.status !== undefined && answer.status !== expected.status
      ? `expected HTTP ${expected.status}`
      : expected.message && !expected.message.test(error.message)
        ? `expected a message matching ${expected.message}`
        : null;
  if (problem)
    throw new Error(
      `${problem}\n--- answer (HTTP ${answer.status}) ---\n` +
        JSON.stringify({ data: body.data, errors: body.errors }, null, 2).slice(0, 4000),
    );
  return error!;
}

/** Sends and expects an error with this code; returns the response. */
export async function executeExpectingError<T = unknown>(
  url: string,
  request: Request,
  code: string,
) {
  const response = await send<T>(url, request);
  if (!response.errors?.some((e) => e.extensions?.code === code)) {
    throw explain(request, response, `expected an error with extensions.code ${code}`);
  }
  return response;
}

/**
 * Sends a request that must be refused with `code` and change nothing: `state()` (the area's
 * row counts or rows) reads the same before and after. Returns the refusal's error.
 */
export async function expectRefusedUnchanged(
  url: string,
  request: Request,
  code: string,
  state: () => Promise<unknown>,
): Promise<AnswerError> {
  const before = await state();
  const response = await executeExpectingError(url, request, code);
  expect(await state()).toEqual(before);
  return expectRefusal(response, code);
}

export { contractOperation } from "./contract";
