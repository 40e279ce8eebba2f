// npm run seed: empties every subgraph's database and reloads the demo data (same for all four),
// generated once and handed to each subgraph's seed entry point.
import "reflect-metadata";
import { generateDemo } from "../demo/generate";
import { demoSeedRows } from "../demo/seed-rows";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { SUBGRAPHS } from "../runtime/config";
import { openDataSource } from "../subgraphs/shared/db";
import { configOrExit } from "./cli";

async function main() {
  const config = configOrExit();
  const rows = demoSeedRows(generateDemo(config.demo.anchor));
  for (const name of SUBGRAPHS) {
    const definition = SUBGRAPH_DEFINITIONS[name];
    const db = await openDataSource(definition, config);
    try {
      await definition.prepare?.(db);
      await definition.seed.clear(db);
      await definition.seed.load(db, rows[name]);
      console.log(`[seed] ${name}: demo data loaded (anchored at ${config.demo.anchor})`);
    } finally {
      await db.destroy();
    }
  }
}

main().catch((error) => {
  console.error("[seed] failed:", error);
  process.exit(1);
});
