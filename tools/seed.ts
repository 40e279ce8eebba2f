// npm run seed: empties every subgraph's database and reloads the demo data (same for all four).
import "reflect-metadata";
import { generateDemo } from "../demo/generate";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { SUBGRAPHS } from "../runtime/config";
import { openDataSource } from "../subgraphs/shared/db";
import { clearCorps, seedCorps } from "../subgraphs/corps/seed";
import { clearDistricts, seedDistricts } from "../subgraphs/districts/seed";
import { clearPlatforms, seedPlatforms } from "../subgraphs/platforms/seed";
import { clearPublicity, seedPublicity } from "../subgraphs/publicity/seed";
import { configOrExit } from "./cli";

const RESEED = {
  corps: { clear: clearCorps, seed: seedCorps },
  districts: { clear: clearDistricts, seed: seedDistricts },
  platforms: { clear: clearPlatforms, seed: seedPlatforms },
  publicity: { clear: clearPublicity, seed: seedPublicity },
};

async function main() {
  const config = configOrExit();
  const demo = generateDemo(config.demo.anchor);
  for (const name of SUBGRAPHS) {
    const db = await openDataSource(SUBGRAPH_DEFINITIONS[name], config);
    try {
      await SUBGRAPH_DEFINITIONS[name].prepare?.(db);
      await RESEED[name].clear(db);
      await RESEED[name].seed(db, demo);
      console.log(`[seed] ${name}: demo data loaded (anchored at ${demo.anchor})`);
    } finally {
      await db.destroy();
    }
  }
}

main().catch((error) => {
  console.error("[seed] failed:", error);
  process.exit(1);
});
