// Client mistakes at the gateway (issue 17, item 6) are answered as the client's: an operation
// name that names nothing, or several operations and no name, is 400 with a code saying so; a
// body one byte over BODY_LIMIT_BYTES is the documented 413; a literal nested thousands deep is
// a clean parse limit, never "Maximum call stack size exceeded". None of these reach a subgraph,
// so the gateway is booted alone, with subgraph URLs that answer nothing.
import { Writable } from "node:stream";
import { startGateway } from "../../gateway";
import { loadConfigWith } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";

const BODY_LIMIT = 64 * 1024;
const lines: string[] = [];
let gateway: RunningServer;

beforeAll(async () => {
  const config = loadConfigWith({
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123",
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
    RESPONSE_CACHE_TTL_SECONDS: "0",
    REDIS_URL: "",
  });
  const log = createLogger(
    "gateway",
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const nowhere = "http://127.0.0.1:9/graphql";
  gateway = await startGateway(config, {
    port: 0,
    log,
    subgraphUrls: { corps: nowhere, districts: nowhere, platforms: nowhere, publicity: nowhere },
  });
});
afterAll(() => gateway.stop());

async function post(body: unknown) {
  const response = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("operation names", () => {
  it("answers an operationName that names no operation 400 OPERATION_RESOLUTION_FAILURE", async () => {
    const { status, body } = await post({ query: "{ __typename }", operationName: "Nope" });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message:
          'the document has no operation named "Nope"; its only operation is anonymous, so leave operationName out',
        extensions: expect.objectContaining({ code: "OPERATION_RESOLUTION_FAILURE" }),
      },
    ]);
  });

  it("answers several operations without operationName 400, naming them", async () => {
    const { status, body } = await post({
      query: "query A { __typename } query B { __typename }",
    });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(body.errors[0].message).toMatch(/several operations \(A, B\).*operationName/);
  });

  it("names the operations there are when the name is wrong", async () => {
    const { status, body } = await post({
      query: "query A { __typename } query B { __typename }",
      operationName: "C",
    });
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('the document has no operation named "C"; it has A, B');
  });

  it("still runs the operation named", async () => {
    const { status, body } = await post({
      query: "query A { __typename } query B { __typename }",
      operationName: "B",
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: "Query" } });
  });
});

describe("request bodies", () => {
  it("answers a body one byte over BODY_LIMIT_BYTES 413 with the documented error", async () => {
    const query = "{ __typename }";
    const padding = BODY_LIMIT + 1 - JSON.stringify({ query, pad: "" }).length;
    const body = JSON.stringify({ query, pad: "x".repeat(padding) });
    expect(Buffer.byteLength(body)).toBe(BODY_LIMIT + 1);
    const response = await post(body);
    expect(response).toEqual({
      status: 413,
      body: {
        errors: [
          {
            message: `the request body exceeds ${BODY_LIMIT} bytes; send fewer rows per request`,
            extensions: expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }),
          },
        ],
      },
    });
  });
});

describe("deeply nested literals", () => {
  const nested = (depth: number) =>
    `{ district(code: ${"[".repeat(depth)}"440305"${"]".repeat(depth)}) { name } }`;

  it("answers a list literal nested 3,000 deep with a clean parse limit", async () => {
    const { status, body } = await post({ query: nested(3000) });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/nests .* more than 128 levels deep/),
        extensions: expect.objectContaining({ code: "GRAPHQL_PARSE_FAILED" }),
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/call stack/i);
  });

  it("also over GET", async () => {
    const url = `${gateway.url}?query=${encodeURIComponent(nested(1000))}`;
    const response = await fetch(url, { headers: { "apollo-require-preflight": "1" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("lets ordinary nesting through to validation", async () => {
    const { status, body } = await post({ query: nested(20) });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
