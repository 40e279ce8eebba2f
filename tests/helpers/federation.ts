// Boots the real federation once per test file: four subgraph HTTP servers and the gateway on
// ephemeral ports, each subgraph on a fresh database of its own (SQLite files in a temp folder, or
// fresh MySQL databases when DATABASE_URL is set), loaded with the demo data through each one's
// seed entry point (generated once per anchor in a test file; on SQLite, seeded once per test run
// and copied: tests/helpers/seeded-sqlite.ts). Every process logs into memory
// (fed.logs()), so tests can check what the hub writes to its logs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { today } from "../../runtime/dates";
import { generateDemo, type DemoData } from "../../demo/generate";
import { demoSeedRows, type DemoSeedRows } from "../../demo/seed-rows";
import { startGateway } from "../../gateway";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { signToken, verifyToken, type Caller, type Role } from "../../runtime/auth";
import { CREDENTIAL_HEADER, signCredential } from "../../runtime/credential";
import { bodyOf, type Request } from "./graphql";
import {
  loadConfig,
  loadConfigWith,
  SUBGRAPHS,
  type HubConfig,
  type SubgraphName,
} from "../../runtime/config";
import { createLogger } from "../../runtime/log";
import { dropDatabase } from "../../subgraphs/shared/db";
import type { RunningServer } from "../../runtime/http/server";
import { startSubgraph, type RunningSubgraph } from "../../subgraphs/shared/subgraph";
import { copySeededSqlite } from "./seeded-sqlite";

export interface Federation {
  config: HubConfig;
  gatewayUrl: string;
  /** http://host:port of the gateway, for its other routes. */
  gatewayOrigin: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  demo: DemoData;
  /** SQL statements sent by all four subgraphs so far. */
  sqlCount(): number;
  /** Every log line written by the five servers so far (JSON text). */
  logs(): string[];
  token(role: Role, extra?: Partial<Caller>): Promise<string>;
  /**
   * The request as the gateway sends it to that subgraph: with a request id and the credential for
   * the token's caller, signed for that subgraph, id and body.
   */
  asGateway(subgraph: SubgraphName, request: Request): Promise<Request>;
  stop(): Promise<void>;
}

/** The configuration this test run was started with (DATABASE_URL decides the database). */
const runConfig = loadConfig();
export const usingMysql = () => Boolean(runConfig.databases.urls.corps);

/** The demo data per anchor, and its seed rows once asked for (jest loads this afresh per file). */
const demos = new Map<string, { demo: DemoData; rows?: DemoSeedRows }>();

function demoOn(anchor: string) {
  let entry = demos.get(anchor);
  if (!entry) demos.set(anchor, (entry = { demo: generateDemo(anchor) }));
  return entry;
}

/** The demo's seed rows for an anchor, generated once per test file (the process federation too). */
export const seedRowsOn = (anchor: string) => {
  const entry = demoOn(anchor);
  return (entry.rows ??= demoSeedRows(entry.demo));
};

/** Keeps log lines in memory. */
class Capture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
}

export interface BootOptions {
  /** Settings for this federation beyond the test defaults (e.g. REDIS_URL). */
  env?: Record<string, string>;
  /** Where the gateway finds the built dashboard page. */
  dashboardDir?: string;
  /** Where the gateway finds the built GraphiQL page. */
  ideDir?: string;
  /** Where the gateway finds the built self-service page (/me). */
  meDir?: string;
  /**
   * The gateway's port, given to it as PORT so that what follows PORT (PUBLIC_URL's default)
   * follows it, as under npm start. Default: an ephemeral port, PORT left as the environment says.
   */
  gatewayPort?: number;
}

export async function bootFederation(options: BootOptions = {}): Promise<Federation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-"));
  let databaseUrl = "";
  const mysqlUrl = runConfig.databases.urls.corps;
  if (mysqlUrl) {
    const url = new URL(mysqlUrl);
    url.pathname = `/hubtest_${process.pid}_${Date.now().toString(36)}`;
    databaseUrl = url.toString();
  }
  const config = loadConfigWith({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CORPS_DATABASE_URL: "",
    DISTRICTS_DATABASE_URL: "",
    PLATFORMS_DATABASE_URL: "",
    PUBLICITY_DATABASE_URL: "",
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123",
    DEMO_ANCHOR: today(),
    SEED_DEMO: "1",
    LOG_LEVEL: "info",
    // Keys of this federation only, should it share a Redis with other test runs.
    REDIS_KEY_PREFIX: `hubtest-${process.pid}-${Date.now().toString(36)}`,
    ...(options.gatewayPort ? { PORT: String(options.gatewayPort) } : {}),
    ...options.env,
  });
  const anchor = config.demo.anchor;
  const capture = new Capture();
  const log = (name: string) => createLogger(name, config.log, capture);
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  let gateway: RunningServer | undefined;
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    for (const name of SUBGRAPHS) {
      const url = config.databases.urls[name];
      if (url) await dropDatabase(url);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        await copySeededSqlite(name, config, () => seedRowsOn(anchor)[name]);
        subgraphs[name] = await startSubgraph(SUBGRAPH_DEFINITIONS[name], config, {
          port: 0,
          log: log(name),
          seedRows: () => seedRowsOn(anchor)[name],
        });
      }),
    );
    gateway = await startGateway(config, {
      port: options.gatewayPort ?? 0,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])),
      log: log("gateway"),
      dashboardDir: options.dashboardDir,
      ideDir: options.ideDir,
      meDir: options.meDir,
    });
    // Subgraphs reach each other through the gateway, whose port is only known now.
    config.servers.gatewayUrl = gateway.url;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    config,
    gatewayUrl: gateway.url,
    gatewayOrigin: gateway.origin,
    subgraphs,
    demo: demoOn(anchor).demo,
    sqlCount: () => SUBGRAPHS.reduce((sum, name) => sum + subgraphs[name].queryCount(), 0),
    logs: () => [...capture.lines],
    token: (role, extra = {}) =>
      signToken({ sub: `test-${role.toLowerCase()}`, role, ...extra }, config.auth),
    asGateway: async (subgraph, request) => {
      const caller = request.token ? await verifyToken(request.token, config.auth) : null;
      const requestId = `test-direct-${Date.now().toString(36)}`;
      const credential = await signCredential(
        { caller, requestId, subgraph, body: bodyOf(request) },
        config,
      );
      const headers = { "x-request-id": requestId, [CREDENTIAL_HEADER]: credential };
      return { ...request, headers: { ...request.headers, ...headers } };
    },
    stop,
  };
}
