// A body over BODY_LIMIT_BYTES (issue 17, item 6): the client gets the documented 413 and its
// error body, never a reset, whether the body comes with a Content-Length or chunked, and with
// or without "Expect: 100-continue"; a keep-alive connection stays usable afterwards.
import net from "node:net";
import { Writable } from "node:stream";
import { serve, type RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";

const LIMIT = 1024 * 1024;
const log = createLogger(
  "test",
  { level: "info" },
  new Writable({ write: (_chunk, _encoding, done) => done() }),
);
let server: RunningServer;

beforeAll(async () => {
  server = await serve({
    port: 0,
    bodyLimitBytes: LIMIT,
    log,
    routes: [
      { method: "POST", path: "/echo", handler: async (request) => ({ got: request.body }) },
    ],
  });
});
afterAll(() => server.stop());

const TOO_LARGE = {
  errors: [
    {
      message: `the request body exceeds ${LIMIT} bytes; send fewer rows per request`,
      extensions: expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }),
    },
  ],
};

/** A JSON body of exactly `size` bytes. */
const jsonOf = (size: number) => Buffer.from(`{"a":"${"x".repeat(size - 8)}"}`);

const SMALL = `POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}`;

interface Exchange {
  /** Every response read from the connection, in order: status line and parsed body. */
  responses: Array<{ status: number; headers: string; body: unknown }>;
  /** A socket error seen while sending (EPIPE, ECONNRESET), if any. */
  error?: string;
}

/** Splits what was read into HTTP responses (bodies with a Content-Length only). */
function parseResponses(raw: Buffer): Exchange["responses"] {
  const out: Exchange["responses"] = [];
  let rest = raw.toString("utf8");
  while (rest.length) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) break;
    const head = rest.slice(0, end);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    if (rest.length < end + 4 + length) break; // the body is still on its way
    const body = rest.slice(end + 4, end + 4 + length);
    out.push({ status, headers: head, body: length ? JSON.parse(body) : null });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

/**
 * Sends `head`, then `body` (raw or chunked) unless it waits for a 100 Continue that does not
 * come, then `after` on the same connection once a final response arrived; resolves when the
 * server closes the connection or when `after` was answered.
 */
function exchange(
  head: string,
  body: Buffer,
  options: { chunked?: boolean; expectContinue?: boolean; after?: string } = {},
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    const received: Buffer[] = [];
    let error: string | undefined;
    let sentAfter = false;
    let sentBody = false;
    const finish = () => resolve({ responses: parseResponses(Buffer.concat(received)), error });
    const sendBody = () => {
      if (sentBody) return;
      sentBody = true;
      if (!options.chunked) socket.write(body);
      else {
        for (let i = 0; i < body.length; i += 65536) {
          const part = body.subarray(i, i + 65536);
          socket.write(`${part.length.toString(16)}\r\n`);
          socket.write(part);
          socket.write("\r\n");
        }
        socket.write("0\r\n\r\n");
      }
    };
    socket.on("data", (chunk) => {
      received.push(chunk);
      const responses = parseResponses(Buffer.concat(received));
      if (options.expectContinue && responses.at(-1)?.status === 100 && responses.length === 1)
        sendBody();
      const finals = responses.filter((r) => r.status !== 100);
      if (finals.length === 1 && options.after && !sentAfter) {
        sentAfter = true;
        socket.write(options.after);
      }
      if (finals.length === 2) socket.end();
    });
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on("close", finish);
    socket.on("connect", () => {
      socket.write(head);
      if (!options.expectContinue) sendBody();
    });
  });
}

describe("a body over the limit", () => {
  it("with a Content-Length: 413 with the documented body, and the connection goes on", async () => {
    const body = jsonOf(LIMIT + 1);
    const result = await exchange(
      `POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
      { after: SMALL },
    );
    expect(result.error).toBeUndefined();
    expect(result.responses.map((r) => [r.status, r.body])).toEqual([
      [413, TOO_LARGE],
      [200, { got: { a: 1 } }],
    ]);
  });

  it("chunked: 413 with the documented body, and the connection goes on", async () => {
    const result = await exchange(
      "POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
      jsonOf(LIMIT + 1),
      { chunked: true, after: SMALL },
    );
    expect(result.error).toBeUndefined();
    expect(result.responses.map((r) => [r.status, r.body])).toEqual([
      [413, TOO_LARGE],
      [200, { got: { a: 1 } }],
    ]);
  });

  it("announced with Expect: 100-continue: 413 at once, without inviting the body", async () => {
    const result = await exchange(
      `POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT + 1}\r\nExpect: 100-continue\r\n\r\n`,
      jsonOf(LIMIT + 1),
      { expectContinue: true },
    );
    expect(result.error).toBeUndefined();
    expect(result.responses.map((r) => [r.status, r.body])).toEqual([[413, TOO_LARGE]]);
    expect(result.responses[0].headers).toMatch(/connection: close/i);
  });

  it("is answered to fetch and to a body far over the limit alike", async () => {
    for (const size of [LIMIT + 1, 8 * LIMIT]) {
      const response = await fetch(`${server.origin}/echo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: jsonOf(size),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual(TOO_LARGE);
    }
  });

  it("a body within the limit still passes, after 100 Continue when asked", async () => {
    const body = jsonOf(LIMIT);
    const result = await exchange(
      `POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
      body,
      { expectContinue: true, after: SMALL },
    );
    expect(result.responses.map((r) => r.status)).toEqual([100, 200, 200]);
  });
});
