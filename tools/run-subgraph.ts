// Runs one subgraph as its own process: node dist/tools/run-subgraph.js districts
import "reflect-metadata";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { SUBGRAPHS, type SubgraphName } from "../runtime/config";
import { createLogger } from "../runtime/log";
import { startSubgraph } from "../subgraphs/shared/subgraph";
import { configOrExit, fail, onShutdown } from "./cli";

async function main() {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPHS.includes(name)) fail(`usage: run-subgraph <${SUBGRAPHS.join("|")}>`);
  const config = configOrExit();
  const log = createLogger(name, config.log);
  const running = await startSubgraph(SUBGRAPH_DEFINITIONS[name], config, { log });
  log.info({ url: running.url }, `${name} ready`);
  onShutdown(() => running.stop());
}

main().catch((error) => {
  console.error(`[${process.argv[2]}] failed to start:`, error);
  process.exit(1);
});
