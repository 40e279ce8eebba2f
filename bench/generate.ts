// npm run bench:data -- --scale large|small|tiny [--check]: empties every subgraph's database
// (SQLite or MySQL, as configured: DATABASE_URL and the rest, read the usual way) and fills it with
// the benchmark's data set (bench/data/generate.ts), then prints the summary and writes it to
// bench/results/data-<scale>.json. With --check it then checks the data set across the four
// databases (bench/data/check.ts) and fails if anything is inconsistent.
import "reflect-metadata";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { SUBGRAPHS, type SubgraphName } from "../runtime/config";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { openDataSource } from "../subgraphs/shared/db";
import { checkBenchData } from "./data/check";
import {
  BENCH_SCALES,
  generateBenchData,
  QuietLogger,
  writeSummary,
  type BenchScale,
} from "./data/generate";
import { projectRoot } from "../tools/build-page";
import { configOrExit, fail } from "../tools/cli";

const USAGE = `usage: npm run bench:data -- --scale ${BENCH_SCALES.join("|")} [--check]`;

function flags() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { scale: { type: "string" }, check: { type: "boolean", default: false } },
      strict: true,
    });
    const scale = values.scale as BenchScale | undefined;
    if (!scale || !BENCH_SCALES.includes(scale)) return fail(USAGE);
    return { scale, check: Boolean(values.check) };
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

async function main() {
  const { scale, check } = flags();
  const config = configOrExit();
  const say = (line: string) => console.log(`[bench:data] ${line}`);
  const where = config.databases.urls.corps
    ? "MySQL (DATABASE_URL)"
    : `SQLite in ${config.databases.dataDir}`;
  say(`generating the ${scale} data set on ${where}`);
  const summary = await generateBenchData(config, scale, say);
  const file = writeSummary(summary, path.join(projectRoot, "bench", "results"));
  console.log(JSON.stringify(summary, null, 2));
  say(
    `${summary.totalRows.toLocaleString("en")} rows in ${summary.seconds.total} s ` +
      `(${summary.rowsPerSecond.toLocaleString("en")} rows/s); summary in ${path.relative(process.cwd(), file)}`,
  );
  if (!check) return;
  const dbs = {} as Record<SubgraphName, DataSource>;
  try {
    for (const name of SUBGRAPHS)
      dbs[name] = await openDataSource(SUBGRAPH_DEFINITIONS[name], config, new QuietLogger(say));
    const started = Date.now();
    const problems = await checkBenchData(dbs, summary.dateRange);
    for (const problem of problems) say(`inconsistent: ${problem}`);
    say(`checked in ${((Date.now() - started) / 1000).toFixed(1)} s: ${problems.length} problems`);
    if (problems.length) process.exitCode = 1;
  } finally {
    for (const db of Object.values(dbs)) await db.destroy();
  }
}

main().catch((error) => fail(`[bench:data] failed: ${(error as Error).stack ?? error}`));
