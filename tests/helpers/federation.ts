// Boots the real federation once per test file: four subgraph HTTP servers and the gateway on
// ephemeral ports, each subgraph on a fresh database of its own (SQLite files in a temp folder, or
// fresh MySQL databases when DATABASE_URL is set), loaded with the demo data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { today } from "../../runtime/dates";
import { generateDemo, type DemoData } from "../../demo/generate";
import { startGateway } from "../../gateway";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { signToken, type Caller, type Role } from "../../subgraphs/shared/auth";
import {
  loadConfig,
  SUBGRAPHS,
  type HubConfig,
  type SubgraphName,
} from "../../subgraphs/shared/config";
import { dropDatabase } from "../../subgraphs/shared/db";
import type { RunningServer } from "../../subgraphs/shared/http";
import { startSubgraph, type RunningSubgraph } from "../../subgraphs/shared/subgraph";

export interface Federation {
  config: HubConfig;
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  demo: DemoData;
  /** SQL statements sent by all four subgraphs so far. */
  sqlCount(): number;
  token(role: Role, extra?: Partial<Caller>): Promise<string>;
  stop(): Promise<void>;
}

export const usingMysql = () => Boolean(process.env.DATABASE_URL);

export async function bootFederation(): Promise<Federation> {
  const anchor = today();
  process.env.DEMO_ANCHOR = anchor;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-"));
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/hubtest_${process.pid}_${Date.now().toString(36)}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123",
    LOG_QUERIES: process.env.LOG_QUERIES,
  });
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  let gateway: RunningServer | undefined;
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    for (const name of SUBGRAPHS) {
      const url = config.databaseUrls[name];
      if (url) await dropDatabase(url);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        subgraphs[name] = await startSubgraph(SUBGRAPH_DEFINITIONS[name], config, { port: 0 });
      }),
    );
    gateway = await startGateway(config, {
      port: 0,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])),
    });
    // Subgraphs reach each other through the gateway, whose port is only known now.
    config.gatewayUrl = gateway.url;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    config,
    gatewayUrl: gateway.url,
    subgraphs,
    demo: generateDemo(anchor),
    sqlCount: () => SUBGRAPHS.reduce((sum, name) => sum + subgraphs[name].queryCount(), 0),
    token: (role, extra = {}) =>
      signToken({ sub: `test-${role.toLowerCase()}`, role, ...extra }, config),
    stop,
  };
}
