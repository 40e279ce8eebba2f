// Runs one subgraph as its own process: node dist/tools/run-subgraph.js districts
// [--demo-rows <file>]. An empty database gets the demo data (unless SEED_DEMO=0): the rows in the
// file when one is given (npm start writes them, tools/demo-rows.ts), else generated here.
import "reflect-metadata";
import { generateDemo } from "../demo/generate";
import { demoSeedRows } from "../demo/seed-rows";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { SUBGRAPHS, type SubgraphName } from "../runtime/config";
import { createLogger } from "../runtime/log";
import { startSubgraph } from "../subgraphs/shared/subgraph";
import { configOrExit, fail, onShutdown, parseFlags } from "./cli";
import { readDemoRows } from "./demo-rows";

const USAGE = `usage: run-subgraph <${SUBGRAPHS.join("|")}> [--demo-rows <file>]`;

async function main(name: SubgraphName, rowsFile: string | undefined) {
  const config = configOrExit();
  const log = createLogger(name, config.log);
  const running = await startSubgraph(SUBGRAPH_DEFINITIONS[name], config, {
    log,
    seedRows: () =>
      rowsFile ? readDemoRows(rowsFile) : demoSeedRows(generateDemo(config.demo.anchor))[name],
  });
  log.info({ url: running.url }, `${name} ready`);
  onShutdown(() => running.stop());
}

const { flags, rest } = parseFlags(process.argv.slice(2), ["demo-rows"], USAGE);
const name = rest[0] as SubgraphName;
if (rest.length !== 1 || !SUBGRAPHS.includes(name)) fail(USAGE);
main(name, flags["demo-rows"]).catch((error) => {
  console.error(`[${name}] failed to start:`, error);
  process.exit(1);
});
