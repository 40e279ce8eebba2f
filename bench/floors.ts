// The floors of issue 11 on MySQL/MariaDB: what the database alone needs.
// - CityDashboard: the very statements the subgraphs send for it (taken from MariaDB's general log
//   while one request runs, on the subgraphs' own connections), replayed with mysql2 at once, each
//   on its own connection, as the subgraphs' pools can run them; against the end-to-end p50 of the
//   same request through our gateway at one connection.
// - PublishStations: the multi-row INSERT the publish sends, replayed with fresh external ids into
//   a copy of the station table (same columns and indexes), on 4 connections for a few seconds;
//   and every statement the publish sends (its read of stored rows, the INSERT, the read of the new
//   ids, the audit events' INSERT), replayed the same way in one transaction each: what the
//   database needs for a publish that keeps its audit trail, whatever the code around it costs.
import mysql from "mysql2/promise";
import { SUBGRAPHS, type SubgraphName } from "../runtime/config";
import { post } from "./counts";
import { cpuSeconds } from "./processes";
import type { BenchFederation } from "./federation";
import { median } from "./report";
import { dashboardRange, SCENARIOS, type Fixture } from "./scenarios";

export interface Floors {
  dashboardStatements: number;
  dashboardP50: number;
  dashboardEndToEndP50: number;
  insertRowsPerSecond: number;
  /** The publish's own statements, replayed: rows per second, and how many statements. */
  publishSqlRowsPerSecond: number;
  publishStatements: number;
  /**
   * CPU milliseconds per 1,000 rows the replay of the publish's statements cost the database
   * server (NaN when it is not on this machine) and mysql2 replaying them.
   */
  publishSqlDatabaseCpu: number;
  publishSqlClientCpu: number;
}

const REPEATS = 25;

/** Sends until an answer has no error (a breaker the timed runs opened closes after a trial). */
async function postUntilAnswered(url: string, headers: Record<string, string>, body: unknown) {
  const until = Date.now() + 60_000;
  for (;;) {
    const answer = await post(url, headers, body);
    if (!answer.json.errors?.length) return answer;
    if (Date.now() > until) throw new Error(JSON.stringify(answer.json.errors[0]));
    await new Promise((r) => setTimeout(r, 2000));
  }
}

interface Captured {
  database: string;
  sql: string;
}

/** The statements the subgraphs send while `send` runs, read from the general log. */
export async function capture(
  fed: BenchFederation,
  send: () => Promise<void>,
): Promise<Captured[]> {
  const urls = fed.config.databases.urls;
  const databases = SUBGRAPHS.map((n) => databaseOf(fed, n));
  const admin = await mysql.createConnection(rootUrl(urls.corps!));
  try {
    const [[{ now }]] = (await admin.query("SELECT NOW(6) AS now")) as unknown as [
      [{ now: string }],
    ];
    await admin.query("SET GLOBAL log_output = 'TABLE'");
    await admin.query("SET GLOBAL general_log = 1");
    try {
      await send();
    } finally {
      await admin.query("SET GLOBAL general_log = 0");
    }
    const [threads] = (await admin.query(
      "SELECT ID AS id, DB AS db FROM information_schema.PROCESSLIST WHERE DB IN (?)",
      [databases],
    )) as unknown as [Array<{ id: number; db: string }>];
    const dbOf = new Map(threads.map((t) => [Number(t.id), t.db]));
    const [rows] = (await admin.query(
      `SELECT thread_id, CONVERT(argument USING utf8mb4) AS sql_text FROM mysql.general_log
        WHERE event_time >= ? AND command_type IN ('Query', 'Execute') AND thread_id IN (?)
        ORDER BY event_time`,
      [now, [...dbOf.keys(), -1]],
    )) as unknown as [Array<{ thread_id: number; sql_text: string }>];
    return rows
      .filter((r) => !/^(SELECT 1|START TRANSACTION|COMMIT|ROLLBACK|SET )/i.test(r.sql_text))
      .map((r) => ({ database: dbOf.get(Number(r.thread_id))!, sql: r.sql_text }));
  } finally {
    await admin.end();
  }
}

/** The database name of a subgraph's URL. */
const databaseOf = (fed: BenchFederation, name: SubgraphName) =>
  new URL(fed.config.databases.urls[name]!).pathname.slice(1);

function rootUrl(url: string) {
  const parsed = new URL(url);
  parsed.pathname = "/";
  return parsed.toString();
}

function dbUrl(fed: BenchFederation, database: string) {
  const parsed = new URL(fed.config.databases.urls.corps!);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function measureFloors(
  fed: BenchFederation,
  fixture: Fixture,
  log: (line: string) => void,
  /** The database server's process, when it runs on this machine (its CPU in the replay). */
  databasePid?: number,
): Promise<Floors> {
  const hub = fed.gateways.hub!.url;
  const dashboard = SCENARIOS.find((s) => s.name === "CityDashboard")!;
  const dashHeaders = await fed.headers({ sub: "bench-floor", role: "DASHBOARD_VIEWER" }, "hub");
  const dashBody = { query: dashboard.query, variables: dashboardRange() };
  await postUntilAnswered(hub, dashHeaders, dashBody);
  const statements = await capture(fed, async () => {
    const answer = await post(hub, dashHeaders, dashBody);
    if (answer.json.errors?.length) throw new Error(JSON.stringify(answer.json.errors[0]));
  });
  log(`floor: CityDashboard sends ${statements.length} statements`);
  // End to end, one request at a time.
  const endToEnd: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await post(hub, dashHeaders, dashBody);
    endToEnd.push(performance.now() - t);
  }
  // The same statements straight to the databases, all at once, one connection each.
  const connections = await Promise.all(
    statements.map((s) => mysql.createConnection(dbUrl(fed, s.database))),
  );
  const raw: number[] = [];
  try {
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now();
      await Promise.all(statements.map((s, j) => connections[j].query(s.sql)));
      raw.push(performance.now() - t);
    }
    // Each statement alone, every one of them slowest first (median of 15 rounds, the statements
    // interleaved within a round so that a burst of load elsewhere falls on all of them): which
    // ones set the floor, and which would next.
    const times: number[][] = statements.map(() => []);
    for (let i = 0; i < 15; i++) {
      for (const [j, s] of statements.entries()) {
        const t = performance.now();
        await connections[j].query(s.sql);
        times[j].push(performance.now() - t);
      }
    }
    const alone = statements.map((s, j) => ({
      ms: median(times[j]),
      what: `${s.database}: ${s.sql.slice(0, 110)}`,
    }));
    for (const a of alone.sort((x, y) => y.ms - x.ms))
      log(`floor: ${a.ms.toFixed(1)} ms alone, ${a.what.replace(/\s+/g, " ")}`);
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
  const publish = await publishFloors(fed, fixture, log, databasePid);
  return {
    dashboardStatements: statements.length,
    dashboardP50: median(raw),
    dashboardEndToEndP50: median(endToEnd),
    ...publish,
  };
}

async function publishFloors(
  fed: BenchFederation,
  fixture: Fixture,
  log: (line: string) => void,
  databasePid: number | undefined,
) {
  const publish = SCENARIOS.find((s) => s.name === "PublishStations")!;
  const caller = {
    sub: "bench-floor",
    role: "DISTRICT_OPERATOR" as const,
    district: fixture.publishDistrict,
  };
  const headers = await fed.headers(caller, "hub");
  const districts = databaseOf(fed, "districts");
  const statements = (
    await capture(fed, async () => {
      const answer = await post(fed.gateways.hub!.url, headers, {
        query: publish.query,
        variables: publish.body!(0, fixture),
      });
      if (answer.json.errors?.length) throw new Error(JSON.stringify(answer.json.errors[0]));
    })
  )
    .filter((s) => s.database === districts)
    .map((s) => s.sql);
  const inserts = statements.filter((sql) => /^INSERT INTO `station`/i.test(sql));
  if (!inserts.length) throw new Error("floor: the publish sent no INSERT INTO `station`");
  const rowsOf = (sql: string) => (sql.match(/\),\s*\(/g)?.length ?? 0) + 1;
  const biggest = [...inserts].sort((a, b) => b.length - a.length)[0];
  const { rowsPerSecond: insertRowsPerSecond } = await replay(
    fed,
    [biggest],
    rowsOf(biggest),
    false,
  );
  log(`floor: raw INSERT ${insertRowsPerSecond.toFixed(0)} rows/s`);
  const stationRows = inserts.reduce((sum, sql) => sum + rowsOf(sql), 0);
  const own = await replay(fed, statements, stationRows, true, databasePid);
  log(
    `floor: the publish's ${statements.length} statements ${own.rowsPerSecond.toFixed(0)} rows/s, ` +
      `CPU-ms per 1,000 rows: database ${own.databaseCpu.toFixed(1)}, mysql2 ${own.clientCpu.toFixed(1)}`,
  );
  return {
    insertRowsPerSecond,
    publishSqlRowsPerSecond: own.rowsPerSecond,
    publishStatements: statements.length,
    publishSqlDatabaseCpu: own.databaseCpu,
    publishSqlClientCpu: own.clientCpu,
  };
}

/**
 * Replays statements on 4 connections for 5 seconds, each connection into its own copies of the
 * station and station_event tables (same columns and indexes), with fresh external ids each time;
 * `rows` stations per replay. In one transaction each when `transaction`, as the publish runs.
 * Returns rows per second and, per 1,000 rows, the CPU-ms of the database server and of this
 * process (mysql2 sending the statements).
 */
async function replay(
  fed: BenchFederation,
  sql: string[],
  rows: number,
  transaction: boolean,
  databasePid?: number,
) {
  const prefix = `floor${Date.now().toString(36)}`;
  const idPattern = /BENCH-b\d+-0-/gi;
  const seconds = 5;
  const workers = 4;
  let written = 0;
  const started = performance.now();
  const databaseBefore = cpuSeconds(databasePid);
  const clientBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const tables = {
        station: `bench_floor_station_${w}`,
        station_event: `bench_floor_event_${w}`,
      };
      const connection = await mysql.createConnection(dbUrl(fed, databaseOf(fed, "districts")));
      const drop = () =>
        Promise.all(
          Object.values(tables).map((t) => connection.query(`DROP TABLE IF EXISTS ${t}`)),
        );
      try {
        await drop();
        for (const [table, copy] of Object.entries(tables))
          await connection.query(`CREATE TABLE ${copy} LIKE ${table}`);
        for (let batch = 0; performance.now() - started < seconds * 1000; batch++) {
          if (transaction) await connection.query("START TRANSACTION");
          for (const statement of sql)
            await connection.query(
              statement
                .replace(
                  /`(station|station_event)`/g,
                  (_m, t: keyof typeof tables) => `\`${tables[t]}\``,
                )
                .replace(idPattern, `BENCH-${prefix}-${w}-${batch}-`),
            );
          if (transaction) await connection.query("COMMIT");
          written += rows;
        }
      } finally {
        await drop().catch(() => undefined);
        await connection.end();
      }
    }),
  );
  const client = process.cpuUsage(clientBefore);
  const perThousandRows = (cpuMs: number) => (written ? (cpuMs * 1000) / written : NaN);
  return {
    rowsPerSecond: written / ((performance.now() - started) / 1000),
    databaseCpu: perThousandRows((cpuSeconds(databasePid) - databaseBefore) * 1000),
    clientCpu: perThousandRows((client.user + client.system) / 1000),
  };
}

/** Waits until no statement of this run's databases is running (at most `maxSeconds`). */
export async function databaseQuiet(fed: BenchFederation, maxSeconds = 180) {
  const urls = fed.config.databases.urls;
  if (!urls.corps) return;
  const databases = SUBGRAPHS.map((n) => databaseOf(fed, n));
  const admin = await mysql.createConnection(rootUrl(urls.corps));
  try {
    const until = Date.now() + maxSeconds * 1000;
    while (Date.now() < until) {
      const [[{ n }]] = (await admin.query(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB IN (?) AND COMMAND = 'Query'",
        [databases],
      )) as unknown as [[{ n: number }]];
      if (Number(n) === 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.end();
  }
}

/** Removes the stations (and their audit events) the publishing scenario wrote (MySQL). */
export async function removeBenchRows(fed: BenchFederation) {
  const url = fed.config.databases.urls.districts;
  if (!url) return;
  const connection = await mysql.createConnection(url);
  try {
    await connection.query(
      "DELETE e FROM station_event e JOIN station s ON s.id = e.stationId WHERE s.externalId LIKE 'BENCH-%'",
    );
    await connection.query("DELETE FROM station WHERE externalId LIKE 'BENCH-%'");
  } finally {
    await connection.end();
  }
}
