// The demo's SQLite databases, seeded once per test run and copied for each federation a test
// boots. Seeding through each subgraph's seed entry point costs about 0.45 s a boot (districts'
// 0.3 s of it), and 70 federations boot in a run; copying a file costs a few milliseconds. The
// copy is the file the seed wrote (prepared, seeded, closed), so a federation starts on the same
// rows as one seeded in place: startSubgraph finds the database not empty and leaves it as it is.
// The files live in a folder of this run only (tests/helpers/run-folder.js makes it before the
// first test file and removes it after the last), keyed by anchor: each run seeds afresh.
import fs from "node:fs";
import path from "node:path";
import type { HubConfig, SubgraphName } from "../../runtime/config";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { openDataSource } from "../../subgraphs/shared/db";

/** The run's folder, set by jest's globalSetup; unset (no templates) outside jest's full runs. */
const RUN_FOLDER = process.env.HUB_TEST_RUN_FOLDER;

const seeding = new Map<string, Promise<string>>();

async function seedFile(file: string, name: SubgraphName, rows: () => unknown, config: HubConfig) {
  // Written beside its final place under a name of this process, then renamed: a worker that
  // seeds the same file at the same time renames an identical one over it.
  const dir = fs.mkdtempSync(`${file}.${process.pid}-`);
  try {
    const own: HubConfig = { ...config, databases: { ...config.databases, dataDir: dir } };
    const definition = SUBGRAPH_DEFINITIONS[name];
    const db = await openDataSource(definition, own);
    try {
      await definition.prepare?.(db, own);
      await definition.seed.load(db, rows());
    } finally {
      // Closing the last connection checkpoints the write-ahead log into the file.
      await db.destroy();
    }
    fs.renameSync(path.join(dir, `${name}.sqlite`), file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return file;
}

/**
 * Puts a seeded copy of `name`'s demo database for `config`'s anchor into config's data folder,
 * seeding it first if this run has none yet. False when there is no run folder, the database is
 * not SQLite or the demo is not seeded: the subgraph then seeds itself as it starts.
 */
export async function copySeededSqlite(
  name: SubgraphName,
  config: HubConfig,
  rows: () => unknown,
): Promise<boolean> {
  if (!RUN_FOLDER || config.databases.urls[name] || !config.demo.seed) return false;
  const file = path.join(RUN_FOLDER, `${config.demo.anchor}-${name}.sqlite`);
  if (!fs.existsSync(file)) {
    let pending = seeding.get(file);
    if (!pending) seeding.set(file, (pending = seedFile(file, name, rows, config)));
    await pending;
  }
  fs.mkdirSync(config.databases.dataDir, { recursive: true });
  fs.copyFileSync(file, path.join(config.databases.dataDir, `${name}.sqlite`));
  return true;
}
