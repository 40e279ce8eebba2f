// The federation a benchmark run measures: the four subgraph processes, our gateway (twice: with
// its response cache and in-flight dedup off, as stock gateways run, and at its defaults), stock
// @apollo/gateway, and Hive Gateway without and with its in-flight dedup, with its JavaScript
// planner and with the Rust query planner of Hive Router. All gateways serve the
// committed supergraph against the same subgraph processes.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signToken, type Caller } from "../runtime/auth";
import { loadConfigWith, SUBGRAPHS, type HubConfig, type SubgraphName } from "../runtime/config";
import { CALLER_HEADER, encodeCaller } from "../gateway/credential-fetcher";
import { CREDENTIAL_HEADER, signCredential } from "../runtime/credential";
import { subgraphArgs, writeDemoRows } from "../tools/demo-rows";
import { SUBGRAPH_NODE_FLAGS } from "../tools/subgraph-flags";
import { freePort } from "../tools/start-checks";
import { BENCH_DIR } from "./peers";
import { startProcess, type Proc } from "./processes";

export const GATEWAYS = [
  "hub",
  "hub-defaults",
  "stock",
  "hive-nodedup",
  "hive",
  "hive-rust-nodedup",
  "hive-rust",
] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export const GATEWAY_LABELS: Record<GatewayName, string> = {
  hub: "hub (cache, dedup off)",
  "hub-defaults": "hub (defaults)",
  stock: "stock @apollo/gateway",
  "hive-nodedup": "Hive GW, dedup off",
  hive: "Hive GW default",
  "hive-rust-nodedup": "Hive GW + Rust planner, dedup off",
  "hive-rust": "Hive GW + Rust planner, default",
};

/** Hive Gateway's settings for each of its targets: in-flight dedup, and the planner. */
const HIVE_ARGS: Partial<Record<GatewayName, string[]>> = {
  "hive-nodedup": ["off", "js"],
  hive: ["on", "js"],
  "hive-rust-nodedup": ["off", "rust"],
  "hive-rust": ["on", "rust"],
};

export interface BenchFederation {
  config: HubConfig;
  env: Record<string, string>;
  subgraphs: Record<SubgraphName, Proc>;
  gateways: Partial<Record<GatewayName, Proc>>;
  /**
   * The client's headers for a caller: a token; for the peer gateways the caller, from which they
   * sign each call's credential; straight to a subgraph, the credential for that subgraph and the
   * exact body sent (`direct`), with its request id.
   */
  headers(
    caller: Caller | null,
    target: GatewayName | "direct",
    direct?: { subgraph: SubgraphName; body: string },
  ): Promise<Record<string, string>>;
  /** Every measured process's pid by name. */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

export interface FederationOptions {
  /** Each subgraph's mysql:// database (the data set), or null: SQLite with the demo data. */
  databaseUrls: Record<SubgraphName, string | null>;
  gateways: readonly GatewayName[];
  /** Extra settings for our gateway (the levers under test). */
  hubEnv?: Record<string, string>;
  log: (line: string) => void;
  /** Write a CPU profile of every process into this folder when it stops (node --cpu-prof). */
  profileDir?: string;
}

export async function startBenchFederation(options: FederationOptions): Promise<BenchFederation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  const ports = {} as Record<SubgraphName | GatewayName, number>;
  for (const name of [...SUBGRAPHS, ...GATEWAYS]) ports[name] = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: "production",
    JWT_SECRET: crypto.randomBytes(24).toString("hex"),
    // Production serves /metrics only with a token; the work counts (counts.ts) read it.
    METRICS_TOKEN: crypto.randomBytes(24).toString("hex"),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    ...Object.fromEntries(
      SUBGRAPHS.map((n) => [`${n.toUpperCase()}_DATABASE_URL`, options.databaseUrls[n] ?? ""]),
    ),
    SEED_DEMO: options.databaseUrls.corps ? "0" : "1",
    LOG_LEVEL: "warn",
    PORT: String(ports.hub),
    // The benchmark's clients are many requests from one token: budgets would refuse them.
    RATE_LIMIT_PER_MINUTE: "0",
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: "0",
    RATE_LIMIT_ANONYMOUS_WRITES_PER_HOUR: "0",
    // Requests straight to a subgraph carry one credential signed before each timed run, which
    // must outlive the run: the subgraph's time limit plus this margin (70 s; the gateways sign
    // each call, and their credentials need no margin this long).
    GATEWAY_CREDENTIAL_MARGIN_MS: "60000",
    REDIS_URL: "",
    // The peer gateways run any document, and the scenarios send texts (anonymous CaseStories
    // among them), which production's default (anonymous) would refuse. The hub's own clients send
    // ids instead, which cost one lookup in the manifest.
    TRUSTED_DOCUMENTS: "off",
    ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])])),
  };
  const config = loadConfigWith(env);
  // On SQLite the demo data, generated once: each subgraph loads its rows at its first start.
  const rows = config.demo.seed ? writeDemoRows(dataDir, config.demo.anchor) : null;
  const urls = config.servers.subgraphUrls;
  const started: Proc[] = [];
  const nodeArgs = options.profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.profileDir)}`]
    : [];
  const stopAll = async () => {
    await Promise.all(started.map((p) => p.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Subgraphs one after another (each seeding its database on SQLite).
    const subgraphs = {} as Record<SubgraphName, Proc>;
    for (const name of SUBGRAPHS) {
      options.log(`starting ${name}`);
      subgraphs[name] = await startProcess(
        name,
        "tools/run-subgraph.js",
        subgraphArgs(name, rows),
        env,
        urls[name],
        urls[name].replace(/\/graphql$/, "/health/ready"),
        // As npm start runs them (tools/subgraph-flags.ts).
        [...SUBGRAPH_NODE_FLAGS, ...nodeArgs],
      );
      started.push(subgraphs[name]);
    }
    const gateways: Partial<Record<GatewayName, Proc>> = {};
    const urlsJson = JSON.stringify(urls);
    for (const name of options.gateways) {
      const origin = `http://127.0.0.1:${ports[name]}`;
      options.log(`starting ${GATEWAY_LABELS[name]}`);
      let proc: Proc;
      if (name === "hub" || name === "hub-defaults") {
        const own =
          name === "hub"
            ? { RESPONSE_CACHE_TTL_SECONDS: "0", GATEWAY_DEDUP: "0" }
            : { RESPONSE_CACHE_TTL_SECONDS: "30", GATEWAY_DEDUP: "1" };
        proc = await startProcess(
          name,
          "tools/run-gateway.js",
          [],
          { ...env, ...options.hubEnv, ...own, PORT: String(ports[name]) },
          `${origin}/graphql`,
          // Ready, not just live: it answers once every subgraph does.
          `${origin}/health/ready`,
          nodeArgs,
        );
      } else {
        // Hive's runs from the sources (it is JavaScript, see its header), beside bench/node_modules.
        const script =
          name === "stock"
            ? "bench/targets/stock-gateway.js"
            : path.join(BENCH_DIR, "targets", "hive-gateway.cjs");
        proc = await startProcess(
          name,
          script,
          [String(ports[name]), urlsJson, ...(HIVE_ARGS[name] ?? [])],
          env,
          `${origin}/graphql`,
          name === "stock" ? /stock gateway ready/ : `${origin}/healthcheck`,
          nodeArgs,
        );
      }
      gateways[name] = proc;
      started.push(proc);
    }
    const tokens = new Map<string, string>();
    return {
      config,
      env,
      subgraphs,
      gateways,
      async headers(caller, target, direct) {
        const headers: Record<string, string> = {};
        if (caller) {
          const key = `${caller.sub}/${caller.role}/${caller.district ?? ""}`;
          if (!tokens.has(key)) tokens.set(key, await signToken(caller, config.auth, 3600));
          headers.authorization = `Bearer ${tokens.get(key)}`;
        }
        if (target === "direct") {
          if (!direct)
            throw new Error("a request straight to a subgraph needs its subgraph and body");
          // Every request of a timed run sends this body: one credential, signed before the run
          // (GATEWAY_CREDENTIAL_MARGIN_MS above keeps it valid past the longest run).
          const requestId = `bench-${crypto.randomUUID()}`;
          headers["x-request-id"] = requestId;
          headers[CREDENTIAL_HEADER] = await signCredential(
            { caller, requestId, ...direct },
            config,
          );
        } else if (target !== "hub" && target !== "hub-defaults" && caller) {
          headers[CALLER_HEADER] = encodeCaller(caller);
        }
        return headers;
      },
      pids() {
        const pids: Record<string, number> = {};
        for (const proc of [...Object.values(subgraphs), ...Object.values(gateways)])
          if (proc?.child.pid) pids[proc.name] = proc.child.pid;
        return pids;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
