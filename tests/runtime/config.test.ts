// What loadConfig refuses before any server starts: settings that would run the hub open to the
// network with a public secret, and ports the hub's own clients cannot reach.
import { ConfigError, loadClientConfig, loadConfig, type Env } from "../../runtime/config";
import { credentialLifetimeMs } from "../../runtime/credential";

/** The problems loadConfig reports for this environment (none when it loads). */
function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const OWN_SECRET = "a-secret-of-our-own-that-is-long-enough-0123";

describe("the built-in development secret (issue 17, item 1)", () => {
  it.each([
    ["HOST", "0.0.0.0"],
    ["BIND_HOST", "0.0.0.0"],
    ["BIND_HOST", "::"],
    ["HOST", "hub.example.org"],
    ["BIND_HOST", "192.168.1.20"],
  ])("refuses to start when %s=%s puts the servers on the network", (key, value) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/JWT_SECRET/);
    expect(problems[0]).toMatch(/development secret/);
    expect(problems[0]).toContain(value);
    expect(problems[0]).toMatch(/anyone/);
  });

  it("also refuses JWT_SECRET set to the development secret itself", () => {
    const problems = problemsOf({
      BIND_HOST: "0.0.0.0",
      JWT_SECRET: "dev-only-secret-change-me-0123456789abcdef",
    });
    expect(problems.join("\n")).toMatch(/JWT_SECRET/);
  });

  it.each([
    [{}],
    [{ HOST: "localhost" }],
    [{ HOST: "127.0.0.1" }],
    [{ BIND_HOST: "127.0.0.1" }],
    [{ BIND_HOST: "127.0.0.2" }],
    [{ BIND_HOST: "::1" }],
    [{ BIND_HOST: "localhost" }],
  ])("keeps working on loopback with the development secret: %j", (env) => {
    expect(problemsOf(env)).toEqual([]);
    expect(loadConfig(env).auth.usingDevSecret).toBe(true);
  });

  it("starts on any address with a secret of its own", () => {
    expect(problemsOf({ BIND_HOST: "0.0.0.0", JWT_SECRET: OWN_SECRET })).toEqual([]);
  });
});

describe("HTTP timeouts and the connection cap (issue 17, item 5)", () => {
  it("has defaults that close stalled requests", () => {
    const { limits, servers } = loadConfig({});
    expect(limits).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      maxConnections: 1000,
    });
    expect(servers.keepAliveTimeoutMs).toBe(5000);
  });

  it("reads them from the environment", () => {
    const { limits, servers } = loadConfig({
      HEADERS_TIMEOUT_MS: "2000",
      REQUEST_TIMEOUT_MS: "8000",
      MAX_CONNECTIONS: "50",
      KEEP_ALIVE_TIMEOUT_MS: "7000",
    });
    expect(limits).toMatchObject({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 8000,
      maxConnections: 50,
    });
    expect(servers.keepAliveTimeoutMs).toBe(7000);
  });

  it("refuses a headers timeout longer than the request timeout, and nonsense", () => {
    expect(problemsOf({ HEADERS_TIMEOUT_MS: "9000", REQUEST_TIMEOUT_MS: "5000" })).toEqual([
      expect.stringMatching(/HEADERS_TIMEOUT_MS=9000 must not exceed REQUEST_TIMEOUT_MS=5000/),
    ]);
    expect(problemsOf({ MAX_CONNECTIONS: "0", REQUEST_TIMEOUT_MS: "soon" })).toHaveLength(2);
  });
});

describe("the gateway's idle connections to subgraphs (issue 17, item 4)", () => {
  it("are dropped before the subgraphs' keep-alive timeout would close them", () => {
    expect(loadConfig({}).servers.subgraphIdleTimeoutMs).toBe(4000);
    expect(loadConfig({ KEEP_ALIVE_TIMEOUT_MS: "8000" }).servers.subgraphIdleTimeoutMs).toBe(7000);
  });

  it("refuses an idle timeout that is not shorter than the keep-alive timeout", () => {
    expect(problemsOf({ SUBGRAPH_IDLE_TIMEOUT_MS: "5000" })).toEqual([
      expect.stringMatching(
        /SUBGRAPH_IDLE_TIMEOUT_MS=5000 must be shorter than KEEP_ALIVE_TIMEOUT_MS=5000/,
      ),
    ]);
  });
});

describe("the database budget against the gateway's time limit (issue 25, item 3)", () => {
  it("defaults to half the gateway's time limit for each subgraph", () => {
    const { databases } = loadConfig({ DISTRICTS_TIMEOUT_MS: "3000" });
    expect(databases.timeoutMs).toEqual({
      corps: 5000,
      districts: 1500,
      platforms: 5000,
      publicity: 5000,
    });
  });

  it("reads DB_TIMEOUT_MS, and <NAME>_DB_TIMEOUT_MS over it", () => {
    const { databases } = loadConfig({ DB_TIMEOUT_MS: "4000", CORPS_DB_TIMEOUT_MS: "2500" });
    expect(databases.timeoutMs).toMatchObject({ corps: 2500, districts: 4000 });
  });

  it("refuses a budget that is not below the gateway's time limit, naming both", () => {
    expect(problemsOf({ DB_TIMEOUT_MS: "10000" })).toHaveLength(4);
    expect(problemsOf({ DISTRICTS_TIMEOUT_MS: "3000", DISTRICTS_DB_TIMEOUT_MS: "3000" })).toEqual([
      expect.stringMatching(
        /DISTRICTS_DB_TIMEOUT_MS=3000 must be below the gateway's time limit for districts \(3000 ms\)/,
      ),
    ]);
    expect(problemsOf({ SUBGRAPH_TIMEOUT_MS: "4000", DB_TIMEOUT_MS: "4500" })[0]).toMatch(
      /DB_TIMEOUT_MS=4500 must be below .* \(4000 ms\): the subgraph must roll back/,
    );
  });

  it("keeps idempotency keys a day unless told otherwise, within bounds", () => {
    expect(loadConfig({}).idempotency.ttlSeconds).toBe(86_400);
    expect(loadConfig({ IDEMPOTENCY_TTL_SECONDS: "3600" }).idempotency.ttlSeconds).toBe(3600);
    expect(problemsOf({ IDEMPOTENCY_TTL_SECONDS: "10" })).toEqual([
      expect.stringMatching(/IDEMPOTENCY_TTL_SECONDS=10 must be/),
    ]);
  });
});

describe("the certificate printers (issue 25, item 6)", () => {
  it("has one thread and a queue of 20 by default, and reads both", () => {
    expect(loadConfig({}).clinic).toMatchObject({ pdfWorkers: 1, pdfQueue: 20 });
    expect(loadConfig({ PDF_WORKERS: "2", PDF_QUEUE: "0" }).clinic).toMatchObject({
      pdfWorkers: 2,
      pdfQueue: 0,
    });
  });

  it("refuses no thread at all, and nonsense, naming both", () => {
    const problems = problemsOf({ PDF_WORKERS: "0", PDF_QUEUE: "lots" });
    expect(problems).toEqual([
      "PDF_WORKERS=0 must be a number of threads from 1 to 16",
      "PDF_QUEUE=lots must be a number of waiting prints from 0 to 1000",
    ]);
  });
});

describe("the Excel writers (issue 29, item 4)", () => {
  it("has one thread and a queue of 10 by default, and reads both", () => {
    expect(loadConfig({}).xlsx).toEqual({ workers: 1, queue: 10 });
    expect(loadConfig({ XLSX_WORKERS: "3", XLSX_QUEUE: "0" }).xlsx).toEqual({
      workers: 3,
      queue: 0,
    });
  });

  it("refuses no thread at all, and nonsense, naming both", () => {
    expect(problemsOf({ XLSX_WORKERS: "0", XLSX_QUEUE: "many" })).toEqual([
      "XLSX_WORKERS=0 must be a number of threads from 1 to 16",
      "XLSX_QUEUE=many must be a number of waiting downloads from 0 to 1000",
    ]);
  });
});

describe("the import CLI's row cap", () => {
  it("is 20000 rows by default, and read", () => {
    expect(loadClientConfig({}).importMaxRows).toBe(20_000);
    expect(loadClientConfig({ IMPORT_MAX_ROWS: "500" }).importMaxRows).toBe(500);
  });

  it("refuses none and nonsense", () => {
    for (const bad of ["0", "many"])
      expect(() => loadClientConfig({ IMPORT_MAX_ROWS: bad })).toThrow(
        `IMPORT_MAX_ROWS=${bad} must be a number of rows from 1 to 1000000`,
      );
  });
});

describe("the gateway credential's lifetime (issue 25, item 7)", () => {
  it("is each subgraph's time limit plus the margin", () => {
    const config = loadConfig({
      DISTRICTS_TIMEOUT_MS: "3000",
      GATEWAY_CREDENTIAL_MARGIN_MS: "500",
    });
    expect(credentialLifetimeMs(config.subgraphCalls, "districts")).toBe(3500);
    expect(credentialLifetimeMs(config.subgraphCalls, "corps")).toBe(10_500);
    expect(credentialLifetimeMs(loadConfig({}).subgraphCalls, "corps")).toBe(12_000);
  });

  it("refuses a margin out of bounds", () => {
    expect(problemsOf({ GATEWAY_CREDENTIAL_MARGIN_MS: "0" })).toEqual([
      "GATEWAY_CREDENTIAL_MARGIN_MS=0 must be a number of milliseconds from 100 to 60000",
    ]);
  });
});
