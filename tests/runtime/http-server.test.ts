// The route table every process serves: routes answer, unknown paths and HTTP-level failures get
// the GraphQL error shape with a code from the one table, and /health tells whether what the
// process owns works, /health/ready adds the services it calls, /health/live only says it serves.
import { serve, type RunningServer } from "../../runtime/http/server";
import { healthRoutes } from "../../runtime/http/health";
import { createLogger } from "../../runtime/log";
import { Writable } from "node:stream";

const lines: string[] = [];
const log = createLogger(
  "test",
  { level: "info" },
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  }),
);
let healthy = true;
let servicesUp = true;
let server: RunningServer;

beforeAll(async () => {
  server = await serve({
    port: 0,
    bodyLimitBytes: 2048,
    log,
    routes: [
      { method: "POST", path: "/echo", handler: async (request) => ({ got: request.body }) },
      {
        method: "GET",
        path: "/boom",
        handler: async () => {
          throw new Error("secret detail 13812345678");
        },
      },
      ...healthRoutes(log, {
        own: async () => {
          if (!healthy) throw new Error("database down");
          return { part: "test" };
        },
        services: async () => {
          if (!servicesUp) throw new Error("not ready: corps");
          return { services: "ready" };
        },
      }),
    ],
  });
});
afterAll(() => server.stop());

const post = (path: string, body: string, type = "application/json") =>
  fetch(`${server.origin}${path}`, { method: "POST", headers: { "content-type": type }, body });

describe("runtime/http/server", () => {
  it("serves the routes of its table", async () => {
    const response = await post("/echo", JSON.stringify({ a: 1 }));
    expect(response.status).toBe(200);
    expect((await response.json()) as any).toEqual({ got: { a: 1 } });
  });

  it("answers an unknown path 404 ROUTE_NOT_FOUND, naming the GraphQL endpoint", async () => {
    const response = await fetch(`${server.origin}/nowhere?x=1`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe("ROUTE_NOT_FOUND");
    expect(body.errors[0].message).toBe(
      "not found: GET /nowhere; the GraphQL endpoint is /graphql",
    );
  });

  it("refuses a body over the limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const response = await post("/echo", JSON.stringify({ big: "x".repeat(4000) }));
    expect(response.status).toBe(413);
    const body = (await response.json()) as any;
    expect(body.errors[0]).toEqual({
      message: "the request body exceeds 2048 bytes; send fewer rows per request",
      extensions: { code: "PAYLOAD_TOO_LARGE", requestId: expect.any(String) },
    });
  });

  it("refuses a body that is not JSON with 400 BAD_REQUEST", async () => {
    const response = await post("/echo", "{not json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0]).toEqual({
      message: "the request body is not valid JSON",
      extensions: { code: "BAD_REQUEST", requestId: expect.any(String) },
    });
    const wrongType = await post("/echo", "a=1", "text/csv");
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as any).errors[0].message).toBe(
      "send the request body as application/json",
    );
  });

  it("answers an unexpected failure 500 'internal error' and logs it redacted", async () => {
    const response = await fetch(`${server.origin}/boom`);
    expect(response.status).toBe(500);
    const error = ((await response.json()) as any).errors[0];
    expect(error.extensions.requestId).toBe(response.headers.get("x-request-id"));
    expect(error).toEqual({
      message: "internal error",
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: expect.any(String) },
    });
    // The id in the answer is in its header and finds the log line.
    const requestId = response.headers.get("x-request-id")!;
    const logged = lines.join("");
    expect(lines.find((l) => l.includes("request failed"))).toContain(requestId);
    expect(logged).not.toContain("13812345678");
  });

  it("reports health 200 with its details, 503 when its check fails", async () => {
    const up = await fetch(`${server.origin}/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok", part: "test" });
    healthy = false;
    const down = await fetch(`${server.origin}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", reason: "database down" });
    const ready = await fetch(`${server.origin}/health/ready`);
    expect(ready.status).toBe(503);
    // Alive all the same: a balancer takes it out of rotation, nobody restarts it.
    const live = await fetch(`${server.origin}/health/live`);
    expect(live.status).toBe(200);
    expect(((await live.json()) as any).status).toBe("ok");
    healthy = true;
    expect((await fetch(`${server.origin}/health/ready`)).status).toBe(200);
  });

  it("keeps /health green when only a service it calls is down; /health/ready names it", async () => {
    const ready = await fetch(`${server.origin}/health/ready`);
    expect(await ready.json()).toEqual({ status: "ok", part: "test", services: "ready" });
    servicesUp = false;
    try {
      const health = await fetch(`${server.origin}/health`);
      expect({ status: health.status, body: await health.json() }).toEqual({
        status: 200,
        body: { status: "ok", part: "test" },
      });
      const notReady = await fetch(`${server.origin}/health/ready`);
      expect({ status: notReady.status, body: await notReady.json() }).toEqual({
        status: 503,
        body: { status: "unavailable", reason: "not ready: corps" },
      });
    } finally {
      servicesUp = true;
    }
  });
});
