// Client mistakes at the gateway (issue 17, item 6; issue 25, item 5) are answered as the
// client's: an operation name that names nothing, or several operations and no name, is 400 with
// a code saying so; a body one byte over BODY_LIMIT_BYTES is the documented 413; a literal nested
// thousands deep is a clean parse limit, never "Maximum call stack size exceeded"; so are
// variables nested thousands deep, a request without Host, a null for @include(if:) and a URL
// that does not decode. Each is a 4xx with a code from the table, logged as one line per kind
// with its request id, repeats capped. None of these reach a subgraph, so the gateway is booted
// alone, with subgraph URLs that answer nothing.
import net from "node:net";
import { Writable } from "node:stream";
import { startGateway } from "../../gateway";
import { loadConfigWith } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { expectRefusal } from "../helpers/graphql";

const BODY_LIMIT = 64 * 1024;
const lines: string[] = [];
let gateway: RunningServer;

beforeAll(async () => {
  const config = loadConfigWith({
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123",
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
    // The response cache and the in-flight dedup on: their keys walk the variables.
    RESPONSE_CACHE_TTL_SECONDS: "30",
    REDIS_URL: "",
    LOG_REPEATS_PER_MINUTE: "1",
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

/** The log lines of one kind of client mistake. */
const linesOf = (kind: string) =>
  lines.map((line) => JSON.parse(line)).filter((line) => line.kind === kind);

/** Expects a 4xx of the error table, with the request id, and no stack anywhere in the log. */
function expectRefused(
  response: { status: number; body: any },
  status: number,
  code: string,
  message: RegExp,
) {
  expectRefusal(response, code, { status, message, first: true });
  expect(response.body.errors).toEqual([
    {
      message: expect.stringMatching(message),
      extensions: { code, requestId: expect.any(String) },
    },
  ]);
  expect(lines.join("")).not.toMatch(/call stack|Invalid URL|"stack"/);
}

describe("variables nested thousands deep", () => {
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

  it("answers them 400 BAD_REQUEST, even unused, and logs the kind once a minute", async () => {
    const query = JSON.stringify("{ __typename }");
    for (let i = 0; i < 3; i++) {
      const response = await post(`{"query":${query},"variables":{"v":${deep(4500)}}}`);
      expectRefused(response, 400, "BAD_REQUEST", /nests arrays or objects more than 128 levels/);
    }
    expect(linesOf("json nesting")).toEqual([
      expect.objectContaining({ requestId: expect.any(String), path: "/graphql" }),
    ]);
  });

  it("also over GET", async () => {
    // Arrays: a URL has room for 1,500 levels of them (Node refuses headers over 16 kB).
    const variables = `{"v":${"[".repeat(1500)}1${"]".repeat(1500)}}`;
    const search = new URLSearchParams({ query: "{ __typename }", variables });
    const response = await fetch(`${gateway.url}?${search.toString()}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expectRefused(
      { status: response.status, body: await response.json() },
      400,
      "BAD_REQUEST",
      /the variables nest arrays or objects more than 128 levels/,
    );
  });

  it("lets variables nested as deep as the limit through", async () => {
    const { status, body } = await post(
      `{"query":${JSON.stringify("{ __typename }")},"variables":{"v":${deep(120)}}}`,
    );
    expect({ status, body }).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
  });
});

/** Sends raw bytes and reads what comes back until the server closes the connection. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(gateway.port, "127.0.0.1", () => socket.end(request));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("a request without Host", () => {
  it("answers POST /graphql HTTP/1.0 without Host 400 BAD_REQUEST, without a stack", async () => {
    const body = JSON.stringify({ query: "{ __typename }" });
    for (let i = 0; i < 2; i++) {
      const answer = await raw(
        `POST /graphql HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expectRefused(
        { status: 400, body: JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) },
        400,
        "BAD_REQUEST",
        /no usable Host header/,
      );
    }
    expect(linesOf("bad host")).toHaveLength(1);
  });
});

describe("a null for @include(if:)", () => {
  it("is 400 GRAPHQL_VALIDATION_FAILED naming the variable, not an internal error", async () => {
    const { status, body } = await post({
      query: "query($x: Boolean = true) { __typename @include(if: $x) }",
      variables: { x: null },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^@include: .*must not be null, and \$x is null/),
        extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED" }),
      }),
    ]);
  });
});

describe("a URL that does not decode", () => {
  it("is 400 BAD_REQUEST in the error shape of the table", async () => {
    const response = await fetch(`${gateway.origin}/certificates/verify/%ff`);
    expectRefused(
      { status: response.status, body: await response.json() },
      400,
      "BAD_REQUEST",
      /the URL is malformed/,
    );
    expect(response.headers.get("x-request-id")).toEqual(expect.any(String));
  });
});
