// Runs one subgraph as its own process: node dist/tools/run-subgraph.js districts
import "reflect-metadata";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { SUBGRAPHS, type SubgraphName } from "../subgraphs/shared/config";
import { startSubgraph } from "../subgraphs/shared/subgraph";
import { configOrExit, fail, onShutdown } from "./cli";

async function main() {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPHS.includes(name)) fail(`usage: run-subgraph <${SUBGRAPHS.join("|")}>`);
  const config = configOrExit();
  const running = await startSubgraph(SUBGRAPH_DEFINITIONS[name], config, {
    seed: process.env.SEED_DEMO !== "0",
  });
  console.log(`[${name}] ready at ${running.url}`);
  onShutdown(() => running.stop());
}

main().catch((error) => {
  console.error(`[${process.argv[2]}] failed to start:`, error);
  process.exit(1);
});
