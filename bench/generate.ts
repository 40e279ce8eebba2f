// npm run bench:data -- --scale large|small|tiny: empties every subgraph's database (SQLite or
// MySQL, as configured: DATABASE_URL and the rest, read the usual way) and fills it with the
// benchmark's data set (bench/data/generate.ts), then prints the summary and writes it to
// bench/results/data-<scale>.json.
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { BENCH_SCALES, generateBenchData, writeSummary, type BenchScale } from "./data/generate";
import { configOrExit, fail, parseFlags } from "../tools/cli";

const USAGE = `usage: npm run bench:data -- --scale ${BENCH_SCALES.join("|")}`;

/** The project's root: the nearest folder upwards with a package.json (from src/ or dist/). */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

async function main() {
  const { flags, rest } = parseFlags(process.argv.slice(2), ["scale"], USAGE);
  const scale = flags.scale as BenchScale | undefined;
  if (rest.length || !scale || !BENCH_SCALES.includes(scale)) fail(USAGE);
  const config = configOrExit();
  const where = config.databases.urls.corps
    ? "MySQL (DATABASE_URL)"
    : `SQLite in ${config.databases.dataDir}`;
  console.log(`[bench:data] generating the ${scale} data set on ${where}`);
  const summary = await generateBenchData(config, scale, (line) =>
    console.log(`[bench:data] ${line}`),
  );
  const file = writeSummary(summary, path.join(projectRoot(), "bench", "results"));
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `[bench:data] ${summary.totalRows.toLocaleString("en")} rows in ${summary.seconds.total} s ` +
      `(${summary.rowsPerSecond.toLocaleString("en")} rows/s); summary in ${path.relative(process.cwd(), file)}`,
  );
}

main().catch((error) => fail(`[bench:data] failed: ${(error as Error).stack ?? error}`));
