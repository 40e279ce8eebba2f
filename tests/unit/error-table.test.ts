// Issue 26, item 2: one way to answer an error. Every HTTP answer to an error and every GraphQL
// error takes its code, status and body from the one table (runtime/errors.ts): the helpers are
// walked over every code of the table here, and no other source file may write a code into
// extensions, an error status, an error body or a GraphQLError by hand.
import fs from "node:fs";
import path from "node:path";
import {
  codeExtensions,
  DomainError,
  ERRORS,
  errorAnswer,
  graphQLError,
  HubError,
  RequestRefusal,
  type ErrorCode,
} from "../../runtime/errors";
import { operationError } from "../../gateway/routes/operation";

const CODES = Object.keys(ERRORS) as ErrorCode[];

describe("the table's answers", () => {
  it.each(CODES)("answers %s with the table's status and the error body", (code) => {
    const answer = errorAnswer(new HubError(code, `refused: ${code}`), "req-1");
    expect(answer).toEqual({
      status: ERRORS[code].status,
      headers: {},
      body: { errors: [{ message: `refused: ${code}`, extensions: { code, requestId: "req-1" } }] },
    });
  });

  it("sends Retry-After when the error carries retryAfterSeconds, and keeps its details", () => {
    const answer = errorAnswer(
      new HubError("RATE_LIMITED", "too many", { retryAfterSeconds: 7, budget: "anonymous" }),
    );
    expect(answer.status).toBe(429);
    expect(answer.headers).toEqual({ "retry-after": "7" });
    expect(answer.body.errors[0].extensions).toEqual({
      code: "RATE_LIMITED",
      retryAfterSeconds: 7,
      budget: "anonymous",
    });
    // A retry time that is no whole number of seconds is no header.
    expect(
      errorAnswer(new HubError("SERVICE_UNAVAILABLE", "x", { retryAfterSeconds: 0.5 })).headers,
    ).toEqual({});
  });

  it("answers a DomainError and a RequestRefusal as any HubError of their code", () => {
    expect(errorAnswer(new DomainError("CONFLICT", "taken")).status).toBe(409);
    expect(errorAnswer(new RequestRefusal("PAYLOAD_TOO_LARGE", "body", "too big")).status).toBe(
      413,
    );
  });

  it.each(CODES)(
    "raises %s in GraphQL with the table's code, and its status when asked",
    (code) => {
      expect(graphQLError(code, "m").extensions).toEqual({ code });
      const answered = graphQLError(code, "m", { details: { serviceName: "corps" }, http: true });
      expect(answered.extensions.code).toBe(code);
      expect(answered.extensions.serviceName).toBe("corps");
      expect((answered.extensions.http as { status: number }).status).toBe(ERRORS[code].status);
      expect(codeExtensions(code, { problems: ["x"] })).toEqual({ code, problems: ["x"] });
    },
  );

  it("tells Apollo the Retry-After of a GraphQL error that carries one", () => {
    const error = graphQLError("RATE_LIMITED", "m", {
      details: { retryAfterSeconds: 3 },
      http: true,
    });
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect([...http.headers]).toEqual([["retry-after", "3"]]);
  });

  it.each(CODES)("turns an operation's %s error into a HubError of that code", (code) => {
    const error = operationError({
      message: `said ${code}`,
      extensions: { code, requestId: "inner", retryAfterSeconds: 4 },
    });
    expect(error).toBeInstanceOf(HubError);
    expect([error.code, error.message, error.details]).toEqual([
      code,
      `said ${code}`,
      { retryAfterSeconds: 4 },
    ]);
  });

  it("answers an operation's error with no code of the table as the hub's failure, saying nothing of it", () => {
    for (const extensions of [{ code: "TEAPOT" }, { code: 418 }, {}, undefined]) {
      const error = operationError({ message: "secret at 10.0.0.7", extensions });
      expect([error.code, error.message]).toEqual(["INTERNAL_SERVER_ERROR", "internal error"]);
    }
  });

  it("does not compile a code that is not in the table", () => {
    const compiles = () => {
      // @ts-expect-error: not a code of the table
      new HubError("TEAPOT", "x");
      // @ts-expect-error: not a code of the table
      graphQLError("TEAPOT", "x");
      // @ts-expect-error: not a code of the table
      codeExtensions("TEAPOT");
      // @ts-expect-error: a service throws domain codes only
      new DomainError("RATE_LIMITED", "x");
    };
    expect(compiles).toBeDefined();
  });
});

// The source check, in the style of layout.test.ts.
const ROOT = path.join(__dirname, "..", "..");
const FOLDERS = ["runtime", "gateway", "subgraphs", "tools", "demo", "bench", "dashboard", "ide"];
const TABLE = path.join("runtime", "errors.ts");

function sources(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ["node_modules", "dist"].includes(entry.name) ? [] : sources(rel);
    return /\.(tsx?|[cm]?js)$/.test(entry.name) ? [rel] : [];
  });
}

const tableCodes = CODES.join("|");
const HAND_MADE: Record<string, RegExp> = {
  "a code written into extensions": /extensions\s*:\s*\{[^}]*?\bcode\s*:/,
  "a code of the table written as a literal property": new RegExp(
    `\\bcode\\s*:\\s*["'](${tableCodes})["']`,
  ),
  "a literal error status in reply.code()/status()": /\.(?:code|status)\([^)]*\b[45]\d\d\b/,
  "a literal error status in an object": /\bstatus(?:Code)?\s*[:=]\s*[45]\d\d\b/,
  "a literal error status in writeHead()": /\bwriteHead\(\s*[45]\d\d\b/,
  "a GraphQLError built by hand (graphQLError gives it its code)": /\bnew GraphQLError\(/,
  "an error body built by hand": /\berrors\s*:\s*\[\s*\{/,
};

/**
 * The narrow exceptions: clients of the hub that record a fetch that failed (no answer came) in
 * the shape they read the hub's answers in. They answer nobody; no code or status is made up.
 * And the development OpenID provider, a server of its own (oidc-provider's) that is not the hub:
 * its login page answers in the provider's protocol, not the hub's table. And the gateway's own
 * executor of query plans, which wraps a subgraph's errors exactly as @apollo/gateway's
 * executeQueryPlan does (the subgraph's message and extensions, Apollo's codes for a failed fetch),
 * so that its answers are Apollo's byte for byte; the errors plugin then maps them as before.
 */
const EXCEPTIONS: Record<string, string[]> = {
  [path.join("tools", "soak-run.ts")]: ["an error body built by hand"],
  [path.join("bench", "counts.ts")]: ["an error body built by hand"],
  [path.join("ide", "src", "fetcher.ts")]: ["an error body built by hand"],
  [path.join("tools", "dev-oidc-provider.mjs")]: ["a literal error status in an object"],
  [path.join("gateway", "plan-executor.ts")]: [
    "a GraphQLError built by hand (graphQLError gives it its code)",
  ],
};

function handMade(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return Object.entries(HAND_MADE)
    .filter(([, pattern]) => pattern.test(text))
    .map(([what]) => what);
}

describe("no error made by hand outside the table", () => {
  const files = FOLDERS.flatMap(sources).filter((file) => file !== TABLE);

  it("finds the sources to check", () => {
    expect(files).toContain(path.join("gateway", "routes", "feed.ts"));
    expect(files).toContain(path.join("subgraphs", "shared", "format-error.ts"));
  });

  it("no file but runtime/errors.ts writes a code, an error status or an error body itself", () => {
    const found = files.flatMap((file) =>
      handMade(file)
        .filter((what) => !EXCEPTIONS[file]?.includes(what))
        .map((what) => `${file}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  it("each exception is still needed (a stale one would hide a new hand-made error)", () => {
    for (const [file, allowed] of Object.entries(EXCEPTIONS))
      expect({ file, found: handMade(file) }).toEqual({ file, found: allowed });
  });

  it("the patterns catch what the routes used to write", () => {
    const old = [
      'return reply.code(503).type("text/plain").send("not built")',
      "reply.code(found ? 200 : 404)",
      '{ errors: [{ message, extensions: { code: "RATE_LIMITED", requestId } }] }',
      'new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } })',
      'return { message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } };',
      "http: { status: 429 }",
    ];
    for (const line of old)
      expect({ line, caught: Object.values(HAND_MADE).some((p) => p.test(line)) }).toEqual({
        line,
        caught: true,
      });
  });
});
