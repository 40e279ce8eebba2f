// The federation as separate processes, for fault tests: each subgraph is a child process running
// tools/run-subgraph.ts (the same entry point as npm start), on a port chosen up front so that a
// killed subgraph can be started again where the gateway expects it. The gateway runs in this
// process. Databases are fresh: SQLite files in a temp folder, or new MySQL databases; the demo
// data is generated once, here, and handed to each process in a file (tools/demo-rows.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startGateway } from "../../gateway";
import { signToken, type Caller, type Role } from "../../runtime/auth";
import {
  loadConfig,
  loadConfigWith,
  SUBGRAPHS,
  type HubConfig,
  type SubgraphName,
} from "../../runtime/config";
import { today } from "../../runtime/dates";
import type { RunningServer } from "../../runtime/http/server";
import { probeHttp } from "../../runtime/http/probe";
import { createLogger } from "../../runtime/log";
import { dropDatabase } from "../../subgraphs/shared/db";
import { subgraphArgs, writeDemoRows } from "../../tools/demo-rows";
import { seedRowsOn } from "./federation";
import { copySeededSqlite } from "./seeded-sqlite";
import { freePort } from "../../tools/start-checks";

const ROOT = path.join(__dirname, "..", "..");
const REGISTER = path.join(__dirname, "swc-register.js");

export interface ProcessFederation {
  config: HubConfig;
  gatewayUrl: string;
  env: Record<string, string>;
  urls: Record<SubgraphName, string>;
  /** Starts (or starts again) one subgraph process and waits until it is ready. */
  start(name: SubgraphName | "gateway", extraEnv?: Record<string, string>): Promise<void>;
  /** Sends a signal to a process and waits for it to exit. */
  kill(name: SubgraphName | "gateway", signal?: NodeJS.Signals): Promise<void>;
  token(role: Role, extra?: Partial<Caller>): Promise<string>;
  /** The process id of a running process. */
  pid(name: SubgraphName | "gateway"): number | undefined;
  /** What a process wrote to its standard output and error. */
  output(name: SubgraphName | "gateway"): string;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const ready = url.replace(/\/graphql$/, "/health/ready");
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the process exited with ${child.exitCode}`);
    if (await probeHttp(ready, 500)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}

export interface ProcessOptions {
  /** Run the gateway as a child process too (to measure its own memory), not in this one. */
  gatewayProcess?: boolean;
  /** Settings for the gateway process only (with gatewayProcess). */
  gatewayEnv?: Record<string, string>;
}

export async function bootProcesses(
  env: Record<string, string> = {},
  options: ProcessOptions = {},
): Promise<ProcessFederation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-proc-"));
  const mysqlUrl = loadConfig().databases.urls.corps;
  let databaseUrl = "";
  if (mysqlUrl) {
    const url = new URL(mysqlUrl);
    url.pathname = `/hubproc_${process.pid}_${Date.now().toString(36)}`;
    databaseUrl = url.toString();
  }
  const gatewayPort = await freePort();
  const ports = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPHS) ports[name] = await freePort();
  const fullEnv: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CORPS_DATABASE_URL: "",
    DISTRICTS_DATABASE_URL: "",
    PLATFORMS_DATABASE_URL: "",
    PUBLICITY_DATABASE_URL: "",
    JWT_SECRET: "process-test-secret-long-enough-for-hs256-0123",
    DEMO_ANCHOR: today(),
    SEED_DEMO: "1",
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: String(gatewayPort),
    REDIS_KEY_PREFIX: `hubproc-${process.pid}-${Date.now().toString(36)}`,
    ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])])),
    ...env,
  };
  const config = loadConfigWith(fullEnv);
  // The demo's databases copied from the run's seeded ones (SQLite), or rows handed to each process.
  const copied = await Promise.all(
    SUBGRAPHS.map((n) => copySeededSqlite(n, config, () => seedRowsOn(config.demo.anchor)[n])),
  );
  const rows =
    config.demo.seed && !copied.every(Boolean) ? writeDemoRows(dataDir, config.demo.anchor) : null;
  const children = new Map<SubgraphName | "gateway", ChildProcess>();
  const outputs = new Map<SubgraphName | "gateway", string[]>();
  let gateway: RunningServer | undefined;

  async function start(name: SubgraphName | "gateway", extraEnv: Record<string, string> = {}) {
    const script =
      name === "gateway" ? ["run-gateway.ts"] : ["run-subgraph.ts", ...subgraphArgs(name, rows)];
    const child = spawn(
      process.execPath,
      ["-r", REGISTER, path.join(ROOT, "tools", script[0]), ...script.slice(1)],
      {
        cwd: ROOT,
        env: { ...process.env, ...fullEnv, ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const lines = outputs.get(name) ?? [];
    outputs.set(name, lines);
    child.stdout.on("data", (chunk) => lines.push(String(chunk)));
    child.stderr.on("data", (chunk) => lines.push(String(chunk)));
    children.set(name, child);
    const url =
      name === "gateway"
        ? `http://127.0.0.1:${gatewayPort}/graphql`
        : config.servers.subgraphUrls[name];
    await waitReady(url, child);
  }

  async function kill(name: SubgraphName | "gateway", signal: NodeJS.Signals = "SIGKILL") {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  async function stop() {
    await gateway?.stop();
    await kill("gateway", "SIGTERM");
    await Promise.all(SUBGRAPHS.map((n) => kill(n, "SIGTERM")));
    for (const name of SUBGRAPHS) {
      const url = config.databases.urls[name];
      if (url) await dropDatabase(url).catch(() => undefined);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    // The first start creates and seeds the databases; one at a time keeps SQLite and CPU calm.
    for (const name of SUBGRAPHS) await start(name);
    if (options.gatewayProcess) await start("gateway", options.gatewayEnv);
    else
      gateway = await startGateway(config, {
        port: gatewayPort,
        log: createLogger("gateway", { level: "warn" }),
      });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    config,
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    env: fullEnv,
    urls: config.servers.subgraphUrls,
    start,
    kill,
    token: (role, extra = {}) =>
      signToken({ sub: `test-${role.toLowerCase()}`, role, ...extra }, config.auth),
    pid: (name) => children.get(name)?.pid,
    output: (name) => (outputs.get(name) ?? []).join(""),
    stop,
  };
}
