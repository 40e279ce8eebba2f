// The benchmark's data set (issue 11): a large, deterministic data set, consistent across the four
// subgraphs as the demo data is, spread over five years ending on the anchor (today in Shenzhen
// unless DEMO_ANCHOR says otherwise). Each subgraph's database is opened the normal way (migrated
// on MySQL, synchronised on SQLite), prepared, emptied by its seed's clear(), then filled with
// raw multi-row INSERTs (bulk.ts), part by part in the order the parts depend on each other:
// corps (volunteers), districts (stations, demands, activities and crews), platforms, publicity.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { DataSource, Logger } from "typeorm";
import { SUBGRAPHS, type HubConfig, type SubgraphName } from "../../runtime/config";
import { SUBGRAPH_DEFINITIONS } from "../../subgraphs";
import { openDataSource } from "../../subgraphs/shared/db";
import { DISTRICTS } from "../../subgraphs/shared/vocabulary";
import { onMysql } from "./bulk";
import { corpsWorld, writeCorps, type CorpsWorld } from "./corps";
import { writeDistricts, type DistrictsWorld } from "./districts";
import { rebuildRollups } from "../../subgraphs/districts/services/rollups";
import { rebuildVolunteerCounts } from "../../subgraphs/corps/services/volunteer-counts";
import { BENCH_SIZES, calendar, type BenchScale } from "./plan";
import { platformsOf, writePlatforms } from "./platforms";
import { storiesOf, writePublicity } from "./publicity";
import type { DemoPlatform } from "../../demo/types";

export { BENCH_SCALES, BENCH_SIZES, type BenchScale } from "./plan";

export interface BenchDataSummary {
  scale: BenchScale;
  /** mysql, mariadb or better-sqlite3. */
  database: string;
  anchor: string;
  /** The Shenzhen dates the activities, demands and stories lie in (both inclusive). */
  dateRange: { from: string; to: string };
  /** Wall time per subgraph (opening and migrating, clearing, writing, counting), and in all. */
  seconds: Record<SubgraphName | "total", number>;
  /** Rows per table per subgraph, counted in the databases afterwards. */
  rows: Record<SubgraphName, Record<string, number>>;
  totalRows: number;
  rowsPerSecond: number;
  /** Ids the benchmark's scenarios ask for. */
  ids: {
    /** The volunteer with the most verified service hours. */
    busyVolunteer: { id: string; hours: number };
    /** The district with the most stations. */
    busyDistrict: { code: string; stations: number; filedStations: number };
    /** The filed station with the most activities. */
    busyStation: { id: string; districtCode: string; activities: number };
    /** The certified platform with the largest mentor group. */
    certifiedPlatform: { id: string; mentors: number };
    /** The most recently published story. */
    latestStory: { id: string; publishedAt: string };
  };
}

/** Failed statements are reported (shortened: a bulk INSERT is long); nothing else is logged. */
export class QuietLogger implements Logger {
  constructor(private readonly out: (line: string) => void) {}
  logQuery() {}
  logQueryError(error: string | Error, query: string) {
    this.out(`sql failed: ${String(error)}: ${query.slice(0, 200)}`);
  }
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/** Rows per table, every table of the subgraph. */
async function countRows(db: DataSource): Promise<Record<string, number>> {
  const q = (name: string) => (onMysql(db) ? `\`${name}\`` : `"${name}"`);
  const tables = [...new Set(db.entityMetadatas.map((m) => m.tableName))].sort();
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const [{ n }] = await db.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM ${q(table)}`,
    );
    rows[table] = Number(n);
  }
  return rows;
}

export async function generateBenchData(
  config: HubConfig,
  scale: BenchScale,
  log: (line: string) => void = () => undefined,
): Promise<BenchDataSummary> {
  const sizes = BENCH_SIZES[scale];
  if (!sizes) throw new Error(`unknown scale ${scale}: large, small or tiny`);
  const cal = calendar(config.demo.anchor);
  const started = performance.now();
  const seconds = {} as Record<SubgraphName | "total", number>;
  const rows = {} as Record<SubgraphName, Record<string, number>>;
  let database = "";

  /** Opens, prepares and empties one subgraph's database, fills it, counts its rows. */
  const part = async (name: SubgraphName, fill: (db: DataSource) => Promise<void>) => {
    const begun = performance.now();
    const definition = SUBGRAPH_DEFINITIONS[name];
    const db = await openDataSource(definition, config, new QuietLogger(log));
    try {
      database = String(db.options.type);
      await definition.prepare?.(db);
      await SUBGRAPH_DEFINITIONS[name].seed.clear(db);
      await fill(db);
      rows[name] = await countRows(db);
      // Fresh index statistics, as a database that grew to this size would have.
      if (onMysql(db)) await db.query(`ANALYZE TABLE ${Object.keys(rows[name]).join(", ")}`);
    } finally {
      await db.destroy();
    }
    seconds[name] = round((performance.now() - begun) / 1000);
    const total = Object.values(rows[name]).reduce((a, b) => a + b, 0);
    log(`${name}: ${total.toLocaleString("en")} rows in ${seconds[name]} s`);
  };

  log(`scale ${scale}: ${cal.from} to ${cal.to}`);
  let corps!: CorpsWorld;
  let districts!: DistrictsWorld;
  let platforms!: DemoPlatform[];
  await part("corps", async (db) => {
    corps = corpsWorld(cal, sizes);
    await writeCorps(db, cal, corps);
    await rebuildVolunteerCounts(db);
  });
  await part("districts", async (db) => {
    districts = await writeDistricts(db, cal, sizes, corps, log);
    await rebuildRollups(db);
  });
  await part("platforms", async (db) => {
    platforms = platformsOf(cal, sizes, districts.stations, corps);
    await writePlatforms(db, cal, platforms);
  });
  let latestStory = { id: "", publishedAt: "" };
  await part("publicity", async (db) => {
    const stories = storiesOf(
      cal,
      sizes,
      districts.storyActivities,
      districts.stations,
      platforms,
      corps.volunteers,
    );
    for (const s of stories)
      if (s.status === "PUBLISHED" && s.publishedAt! > latestStory.publishedAt)
        latestStory = { id: String(s.id), publishedAt: s.publishedAt! };
    await writePublicity(db, cal, stories);
  });

  seconds.total = round((performance.now() - started) / 1000);
  const totalRows = SUBGRAPHS.reduce(
    (sum, name) => sum + Object.values(rows[name]).reduce((a, b) => a + b, 0),
    0,
  );
  return {
    scale,
    database,
    anchor: cal.anchor,
    dateRange: { from: cal.from, to: cal.to },
    seconds,
    rows,
    totalRows,
    rowsPerSecond: Math.round(totalRows / seconds.total),
    ids: { ...busiest(districts, platforms), latestStory },
  };
}

/** The ids the scenarios ask for: the busiest volunteer, district, station and platform. */
function busiest(districts: DistrictsWorld, platforms: DemoPlatform[]) {
  let volunteer = 1;
  districts.hours.forEach((h, id) => {
    if (h > districts.hours[volunteer]) volunteer = id;
  });
  const perDistrict = DISTRICTS.map((d) => {
    const own = districts.stations.filter((s) => s.districtCode === d.code);
    return { code: d.code, stations: own.length, filed: own.filter((s) => s.status === "FILED").length };
  }).sort((a, b) => b.stations - a.stations || a.code.localeCompare(b.code))[0];
  let station = districts.stations.find((s) => s.status === "FILED")!;
  for (const s of districts.stations) {
    if (
      s.status === "FILED" &&
      districts.stationActivities[s.id] > districts.stationActivities[station.id]
    )
      station = s;
  }
  const platform = platforms
    .filter((p) => p.status === "CERTIFIED")
    .sort((a, b) => b.mentorIds.length - a.mentorIds.length || a.id - b.id)[0];
  return {
    busyVolunteer: { id: String(volunteer), hours: round(districts.hours[volunteer]) },
    busyDistrict: {
      code: perDistrict.code,
      stations: perDistrict.stations,
      filedStations: perDistrict.filed,
    },
    busyStation: {
      id: String(station.id),
      districtCode: station.districtCode,
      activities: districts.stationActivities[station.id],
    },
    certifiedPlatform: { id: String(platform?.id ?? ""), mentors: platform?.mentorIds.length ?? 0 },
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Writes the summary to `<dir>/data-<scale>.json` and returns the file's path. */
export function writeSummary(summary: BenchDataSummary, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `data-${summary.scale}.json`);
  fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}
