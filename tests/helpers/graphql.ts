// One way to send GraphQL in tests. On an unexpected outcome it throws with the operation, the
// variables and the whole response, so a failing test explains itself.

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, any>;
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

export async function send<T = any>(url: string, request: Request): Promise<GraphQLResponse<T>> {
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
export async function execute<T = any>(url: string, request: Request): Promise<T> {
  const response = await send<T>(url, request);
  if (response.errors?.length || !response.data)
    throw explain(request, response, "expected data without errors");
  return response.data;
}

/** Sends and expects an error with this code; returns the response. */
export async function executeExpectingError(url: string, request: Request, code: string) {
  const response = await send(url, request);
  if (!response.errors?.some((e) => e.extensions?.code === code)) {
    throw explain(request, response, `expected an error with extensions.code ${code}`);
  }
  return response;
}

export { contractOperation } from "./contract";
