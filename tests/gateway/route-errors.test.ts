// Issue 26, item 2: a route that runs a GraphQL operation answers its errors from the one table.
// A real HTTP server runs a route built like the feed's, the certificate's and the verification
// page's (gateway/routes/operation.ts: runOperation, answerError) against a real Apollo Server with
// the gateway's errors plugin; its resolver fails with every code of the table in turn, and the
// answer's status, Retry-After, code and request id must be the table's. A page that was not built
// is answered the same way (it was a text/plain 503 made up in the route).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { ApolloServer } from "@apollo/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { anonymousContext, type GatewayContext } from "../../gateway/context";
import { errorsPlugin } from "../../gateway/plugins/errors";
import { answerError, runOperation } from "../../gateway/routes/operation";
import { pageRoutes } from "../../gateway/routes/static-page";
import { ERRORS, graphQLError, type ErrorCode } from "../../runtime/errors";
import { serve, type RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";

const CODES = Object.keys(ERRORS) as ErrorCode[];
const WAIT_CODES: ErrorCode[] = ["RATE_LIMITED", "SERVICE_UNAVAILABLE"];
const FAIL = "query Fail($code: String!) { fail(code: $code) }";

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

let apollo: ApolloServer<GatewayContext>;
let server: RunningServer;

beforeAll(async () => {
  apollo = new ApolloServer<GatewayContext>({
    typeDefs: "type Query { fail(code: String!): String }",
    resolvers: {
      Query: {
        fail: (_: unknown, { code }: { code: string }) => {
          if (code === "plain") throw new Error("secret detail at 10.0.0.7");
          throw graphQLError(code as ErrorCode, `refused with ${code}`, {
            details: WAIT_CODES.includes(code as ErrorCode) ? { retryAfterSeconds: 5 } : {},
          });
        },
      },
    },
    plugins: [errorsPlugin(log)],
  });
  await apollo.start();
  const run =
    (text?: (error: { message: string }) => string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { code } = request.params as { code: string };
      try {
        if (code === "thrown") throw new Error("a bug in the route");
        return await runOperation(apollo, FAIL, {
          variables: { code },
          context: anonymousContext(request),
        });
      } catch (error) {
        return answerError(request, reply, error, { log, text });
      }
    };
  const unbuilt = fs.mkdtempSync(path.join(os.tmpdir(), "hub-unbuilt-"));
  server = await serve({
    port: 0,
    bodyLimitBytes: 2048,
    log,
    routes: [
      { method: "GET", path: "/run/:code", handler: run() },
      { method: "GET", path: "/page/:code", handler: run((e) => `没有 (${e.message})`) },
      ...pageRoutes({ name: "test page", dir: unbuilt }, { "/unbuilt": "index.html" }),
    ],
  });
});
afterAll(async () => {
  await server?.stop();
  await apollo?.stop();
});

const get = (url: string) =>
  fetch(`${server.origin}${url}`, { headers: { "x-request-id": "r-1" } });

describe("a route's operation that fails", () => {
  it.each(CODES)("answers %s with the table's status, code and the request id", async (code) => {
    const response = await get(`/run/${code}`);
    const body = (await response.json()) as any;
    expect({ status: response.status, code: body.errors[0].extensions.code }).toEqual({
      status: ERRORS[code].status,
      code,
    });
    expect(body.errors[0].extensions.requestId).toBe("r-1");
    expect(response.headers.get("retry-after")).toBe(WAIT_CODES.includes(code) ? "5" : null);
    if (WAIT_CODES.includes(code)) expect(body.errors[0].extensions.retryAfterSeconds).toBe(5);
    // The hub's own failure says nothing of its cause; a client's code keeps its message.
    expect(body.errors[0].message).toBe(
      code === "INTERNAL_SERVER_ERROR" ? "internal error" : `refused with ${code}`,
    );
  });

  it("answers a code that is not in the table, or none, as 500 INTERNAL_SERVER_ERROR", async () => {
    for (const code of ["TEAPOT", "plain"]) {
      const response = await get(`/run/${code}`);
      expect(response.status).toBe(ERRORS.INTERNAL_SERVER_ERROR.status);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: "internal error",
            extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "r-1" },
          },
        ],
      });
    }
  });

  it("tells the client to sign in (WWW-Authenticate) with UNAUTHENTICATED", async () => {
    const response = await get("/run/UNAUTHENTICATED");
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answers a page a person reads in text, with the table's status", async () => {
    const response = await get("/page/BAD_USER_INPUT");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("没有 (refused with BAD_USER_INPUT)");
    const busy = await get("/page/SERVICE_UNAVAILABLE");
    expect([busy.status, busy.headers.get("retry-after")]).toEqual([503, "5"]);
  });

  it("leaves anything but an error of the table to the server: logged, 500 internal error", async () => {
    const response = await get("/run/thrown");
    expect(response.status).toBe(500);
    expect(((await response.json()) as any).errors[0]).toEqual({
      message: "internal error",
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "r-1" },
    });
    expect(lines.some((line) => line.includes("a bug in the route"))).toBe(true);
  });
});

describe("a page that was not built", () => {
  it("is answered 503 SERVICE_UNAVAILABLE in the error shape, saying what to run", async () => {
    const response = await get("/unbuilt");
    expect(response.status).toBe(ERRORS.SERVICE_UNAVAILABLE.status);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions).toEqual({ code: "SERVICE_UNAVAILABLE", requestId: "r-1" });
    expect(body.errors[0].message).toBe(
      "the test page is not built: run npm run build (npm start does it)",
    );
  });
});
