// node dist/bench/mixed.js [--seconds 20] [--connections 20]: the response cache while a district
// publishes (mixed-run.ts), on its own: starts our gateway at its defaults on the data set, prints
// each read's share of answers served from the cache and its p50 (docs/performance.md).
import "reflect-metadata";
import { parseArgs } from "node:util";
import { configOrExit } from "../tools/cli";
import { startBenchFederation } from "./federation";
import { removeBenchRows } from "./floors";
import { mixedMarkdown, runMixed } from "./mixed-run";
import { ensureBenchPackages } from "./peers";

const log = (line: string) => console.error(`[mixed] ${line}`);

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string" }, connections: { type: "string" } },
  });
  const seconds = Number(values.seconds ?? 20);
  const connections = Number(values.connections ?? 20);
  const config = configOrExit();
  ensureBenchPackages(log);
  const fed = await startBenchFederation({
    databaseUrls: config.databases.urls,
    gateways: ["hub-defaults"],
    log,
  });
  try {
    console.log(mixedMarkdown(await runMixed(fed, { seconds, connections })).join("\n"));
  } finally {
    await removeBenchRows(fed).catch((error) => log(`could not remove the stations: ${error}`));
    await fed.stop();
  }
}

main().catch((error) => {
  console.error("[mixed] failed:", error);
  process.exit(1);
});
