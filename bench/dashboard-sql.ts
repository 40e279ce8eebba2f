// node dist/bench/dashboard-sql.js [--runs 20] [--days 365]: the districts subgraph's share of
// an uncached CityDashboard on the configured database (DATABASE_URL), read from the raw rows as
// before the rollups and through them, interleaved run by run on the same data. Prints p50 wall
// time (all statements at once, as the subgraph sends them) and the database server's CPU per
// dashboard when /proc shows it (docs/performance.md).
import "reflect-metadata";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { addDays, startOfBusinessDay, today } from "../runtime/dates";
import { SUBGRAPH_DEFINITIONS } from "../subgraphs";
import { openDataSource } from "../subgraphs/shared/db";
import { QuietLogger } from "./data/generate";
import { configOrExit } from "../tools/cli";
import { DISTRICTS } from "../subgraphs/shared/vocabulary";
import * as F from "../subgraphs/districts/services/district-figures.service";
import { demandCube, rawDemandCube } from "../subgraphs/districts/services/demand-stats.service";
import {
  rawServiceTrend,
  serviceByCategory,
  serviceTrend,
} from "../subgraphs/districts/services/service-trend.service";

type Figures = (db: DataSource, from: string, to: string) => Promise<unknown[]>;
const codes = DISTRICTS.map((d) => d.code);

/** What the subgraph read before the rollups: the same statements over the raw rows. */
const raw: Figures = (db, from, to) => {
  const span = [{ from, to }];
  return Promise.all([
    rawIdle(db, to),
    F.rawOpenDemandCounts(db, codes),
    F.rawDemandCounts(db, codes, span),
    F.rawActivityFigures(db, codes, span),
    F.rawServiceHours(db, codes, span),
    rawDemandCube(db, span, null),
    rawServiceTrend(db, from, to, null),
    rawServiceTrend(db, from, to, null), // by category: the same two statements, another key
  ]);
};

const rolled: Figures = (db, from, to) =>
  Promise.all([
    F.idleStationCounts(db, codes, to),
    F.openDemandCounts(db, codes),
    F.demandCounts(db, codes, from, to),
    F.activityFigures(db, codes, from, to),
    F.serviceHours(db, codes, from, to),
    demandCube(db, from, to, null),
    serviceTrend(db, from, to, null),
    serviceByCategory(db, from, to, null),
  ]);

/** The idle rule as it was read before each station kept its last demand date. */
function rawIdle(db: DataSource, asOf: string) {
  const cutoff = addDays(asOf, -90);
  return db.query(
    `SELECT s.districtCode, COUNT(*) AS n FROM station s WHERE s.status = 'FILED'
       AND (s.filedAt IS NULL OR s.filedAt < ?) AND NOT EXISTS (SELECT 1 FROM demand d
       WHERE d.stationId = s.id AND d.collectedOn >= ? AND d.collectedOn <= ?)
     GROUP BY s.districtCode`,
    [startOfBusinessDay(cutoff), cutoff, asOf],
  );
}

function mysqldTicks(): number | null {
  try {
    const pid = execFileSync("pidof", ["mariadbd", "mysqld"]).toString().trim().split(" ")[0];
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(stat[11]) + Number(stat[12]);
  } catch {
    return null;
  }
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, days: { type: "string" } },
  });
  const runs = Number(values.runs ?? 20);
  const to = today();
  const from = addDays(to, -Number(values.days ?? 365) + 1);
  const config = configOrExit();
  const db = await openDataSource(
    SUBGRAPH_DEFINITIONS.districts,
    config,
    new QuietLogger(() => {}),
  );
  const ways = { raw, rolled } as const;
  const times: Record<string, number[]> = { raw: [], rolled: [] };
  const ticks: Record<string, number> = { raw: 0, rolled: 0 };
  try {
    for (const way of Object.keys(ways) as Array<keyof typeof ways>) await ways[way](db, from, to);
    for (let i = 0; i < runs; i++)
      for (const way of Object.keys(ways) as Array<keyof typeof ways>) {
        const t0 = mysqldTicks();
        const started = performance.now();
        await ways[way](db, from, to);
        times[way].push(performance.now() - started);
        const t1 = mysqldTicks();
        if (t0 !== null && t1 !== null) ticks[way] += t1 - t0;
      }
  } finally {
    await db.destroy();
  }
  console.log(`dashboard range ${from} to ${to}, ${runs} runs each, interleaved`);
  for (const way of Object.keys(ways))
    console.log(
      `${way.padEnd(7)} p50 ${p50(times[way]).toFixed(1)} ms, database CPU ${((ticks[way] * 10) / runs).toFixed(1)} ms per dashboard`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
