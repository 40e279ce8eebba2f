// npm run bench: the hub beside stock @apollo/gateway and Hive Gateway on the same subgraphs, every
// scenario interleaved across targets, round after round; prints a Markdown report and writes it
// under bench/results/. `--smoke` is CI's: demo data, one short round, nothing judged.
// Flags: --seconds N (per timed run), --rounds N, --connections N, --scenarios A,B, --gateways
// hub,stock,..., --profile DIR (a CPU profile of every process, written when it stops),
// --gateway-workers N (our gateways as N cluster workers sharing Redis at REDIS_URL), --smoke.
// DATABASE_URL (mysql://) selects a data set made by `npm run bench:data`; unset: SQLite + demo data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Caller } from "../runtime/auth";
import { today } from "../runtime/dates";
import { SUBGRAPHS } from "../runtime/config";
import { configOrExit } from "../tools/cli";
import { countWork, discoverFixture, post, type WorkCount } from "./counts";
import {
  GATEWAYS,
  startBenchFederation,
  type BenchFederation,
  type GatewayName,
} from "./federation";
import { databaseQuiet, measureFloors, removeBenchRows, type Floors } from "./floors";
import { settle, timedLoad, type LoadResult } from "./load";
import { runMixed, type MixedResult } from "./mixed-run";
import { ensureBenchPackages } from "./peers";
import { databasePid } from "./processes";
import { renderReport } from "./report";
import { SCENARIOS, type Fixture, type Scenario } from "./scenarios";

export type Target = GatewayName | "direct";

export interface ScenarioResult {
  scenario: Scenario;
  /** Timed runs per target, one per round. */
  runs: Partial<Record<Target, LoadResult[]>>;
  /** Targets whose answer differed from our gateway's (they are timed all the same). */
  mismatches: Partial<Record<Target, string>>;
  counts?: [WorkCount, WorkCount];
}

const { values: flags } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    seconds: { type: "string" },
    rounds: { type: "string" },
    connections: { type: "string" },
    scenarios: { type: "string" },
    gateways: { type: "string" },
    profile: { type: "string" },
    "gateway-workers": { type: "string" },
    // --executor apollo: our gateway on @apollo/gateway's executeQueryPlan (GATEWAY_EXECUTOR).
    executor: { type: "string" },
  },
});

const smoke = flags.smoke;
const seconds = Number(flags.seconds ?? (smoke ? 1 : 8));
const rounds = Number(flags.rounds ?? (smoke ? 1 : 3));
const connections = Number(flags.connections ?? (smoke ? 10 : 50));
// DATABASE_URL (or <NAME>_DATABASE_URL) as every tool reads it: the data set's databases.
const benchConfig = configOrExit();
const databaseUrls = benchConfig.databases.urls;
const databaseUrl = databaseUrls.corps ?? undefined;
const log = (line: string) => console.error(`[bench] ${line}`);
const workers = Number(flags["gateway-workers"] ?? 1);
const redisUrl = benchConfig.redis.url ?? "redis://127.0.0.1:6379";

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Every process a timed run reads the CPU of: the federation's, and the local database server's. */
const dbPid = databasePid(databaseUrl);
const measured = (fed: BenchFederation) => ({
  ...fed.pids(),
  ...(dbPid ? { database: dbPid } : {}),
});

/** The client's headers for a target; straight to a subgraph they are bound to the body sent. */
const headersFor = (
  fed: BenchFederation,
  caller: Caller | null,
  target: Target,
  scenario: Scenario,
  body: string,
) =>
  fed.headers(
    caller,
    target,
    target === "direct" ? { subgraph: scenario.direct!, body } : undefined,
  );

function targetUrl(fed: BenchFederation, scenario: Scenario, target: Target) {
  if (target === "direct") return fed.subgraphs[scenario.direct!].url;
  return fed.gateways[target]!.url;
}

function callerOf(scenario: Scenario, fixture: Fixture) {
  if (!scenario.caller) return null;
  const { role, district } = scenario.caller;
  return {
    sub: `bench-${role}`,
    role,
    ...(district ? { district: fixture.publishDistrict } : {}),
  };
}

/** The targets a scenario runs on: straight to its subgraph when one answers it alone. */
function targetsOf(scenario: Scenario, gateways: readonly GatewayName[]): Target[] {
  return [...(scenario.direct ? (["direct"] as const) : []), ...gateways];
}

async function checkAnswers(fed: BenchFederation, result: ScenarioResult, fixture: Fixture) {
  const { scenario } = result;
  const caller = callerOf(scenario, fixture);
  const body = { query: scenario.query, variables: scenario.variables(fixture) };
  if (scenario.rowsPerRequest) {
    // A write: each target must accept a batch of its own.
    for (const target of targetsOf(scenario, Object.keys(fed.gateways) as GatewayName[])) {
      const own = { query: scenario.query, variables: scenario.body!(-1 - Math.random(), fixture) };
      const answer = await post(
        targetUrl(fed, scenario, target),
        await headersFor(fed, caller, target, scenario, JSON.stringify(own)),
        own,
      );
      if (answer.json.errors?.length)
        result.mismatches[target] = JSON.stringify(answer.json.errors[0]);
    }
    return;
  }
  const reference = await post(fed.gateways.hub!.url, await fed.headers(caller, "hub"), body);
  if (reference.json.errors?.length || !reference.json.data)
    throw new Error(
      `${scenario.name} fails on our gateway: ${JSON.stringify(reference.json.errors)}`,
    );
  const expected = stable(reference.json.data);
  for (const target of targetsOf(scenario, Object.keys(fed.gateways) as GatewayName[])) {
    const answer = await post(
      targetUrl(fed, scenario, target),
      await headersFor(fed, caller, target, scenario, JSON.stringify(body)),
      body,
    );
    const got = answer.json.errors?.length
      ? JSON.stringify(answer.json.errors[0])
      : stable(answer.json.data);
    if (got !== expected) result.mismatches[target] = got.slice(0, 200);
  }
}

/** Every scenario's answers checked on every target, and its work per request counted. */
async function checkAndCount(fed: BenchFederation, results: ScenarioResult[], fixture: Fixture) {
  for (const result of results) {
    await checkAnswers(fed, result, fixture);
    const { scenario } = result;
    if (scenario.pageSizes) {
      const caller = callerOf(scenario, fixture);
      const headers = await fed.headers(caller, "hub");
      result.counts = [
        await countWork(fed, headers, {
          query: scenario.query,
          variables: scenario.variables(fixture, scenario.pageSizes[0]),
        }),
        await countWork(fed, headers, {
          query: scenario.query,
          variables: scenario.variables(fixture, scenario.pageSizes[1]),
        }),
      ];
    } else if (!scenario.rowsPerRequest) {
      const caller = callerOf(scenario, fixture);
      const once = await countWork(fed, await fed.headers(caller, "hub"), {
        query: scenario.query,
        variables: scenario.variables(fixture),
      });
      result.counts = [once, once];
    }
  }
}

/**
 * Every target of a read scenario warmed up first, untimed: the first timed run of a scenario
 * otherwise paid the subgraphs' first compilation of its code (JIT) for everyone (the uncached
 * dashboard's first round behind our gateway, which runs first: 32 subgraph CPU-ms per request
 * where the rounds after took 20-26, docs/performance.md). Not in a smoke run, whose figures are
 * not judged.
 */
async function warmUp(
  fed: BenchFederation,
  results: ScenarioResult[],
  fixture: Fixture,
  gateways: GatewayName[],
) {
  for (const { scenario } of smoke ? [] : results) {
    if (scenario.rowsPerRequest) continue;
    for (const target of targetsOf(scenario, gateways)) {
      const body = JSON.stringify({
        query: scenario.query,
        variables: scenario.variables(fixture),
      });
      const headers = await headersFor(fed, callerOf(scenario, fixture), target, scenario, body);
      const url = targetUrl(fed, scenario, target);
      await timedLoad(
        { url, headers, body, connections: scenario.connections ?? connections, seconds: 1 },
        fed.pids(),
      );
      await databaseQuiet(fed);
      await settle(fed.pids());
    }
  }
}

/** The timed rounds: every target of every scenario in turn, the order rotated each round. */
async function timedRounds(
  fed: BenchFederation,
  results: ScenarioResult[],
  fixture: Fixture,
  gateways: GatewayName[],
) {
  for (let round = 0; round < rounds; round++) {
    for (const result of results) {
      const { scenario } = result;
      const targets = targetsOf(scenario, gateways);
      // Rotate the order each round: no target always runs first, on a cold or a warm machine.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const target of order) {
        const caller = callerOf(scenario, fixture);
        const body = scenario.body
          ? (sequence: number) =>
              JSON.stringify({
                query: scenario.query,
                variables: scenario.body!(sequence + round * 1e6, fixture),
              })
          : JSON.stringify({ query: scenario.query, variables: scenario.variables(fixture) });
        // A body of its own per request cannot go straight to a subgraph (no scenario does).
        const headers = await headersFor(
          fed,
          caller,
          target,
          scenario,
          typeof body === "string" ? body : "",
        );
        // The timed window on the clock V8's CPU profiles use (monotonic, µs): profile.ts --window.
        const windowStart = process.hrtime.bigint() / 1000n;
        const run = await timedLoad(
          {
            url: targetUrl(fed, scenario, target),
            headers,
            body: typeof body === "string" ? body : (n) => body(n + targetSalt(target)),
            connections: scenario.connections ?? connections,
            // A 1,000-row publish takes most of a second: give each target several.
            seconds: scenario.rowsPerRequest ? Math.max(seconds, 4) : seconds,
          },
          measured(fed),
          // A backlog of statements the database is still running belongs to this target too,
          // and so do the requests in flight when the window closed.
          async () => {
            await databaseQuiet(fed);
            await settle(fed.pids());
          },
        );
        (result.runs[target] ??= []).push(run);
        if (flags.profile)
          log(
            `timed window ${scenario.name} ${target}: ${windowStart}-${process.hrtime.bigint() / 1000n} µs`,
          );
        const subgraphCpu = SUBGRAPHS.reduce((sum, n) => sum + (run.cpu[n] ?? 0), 0);
        log(
          `round ${round + 1}/${rounds} ${scenario.name} ${target}: ${run.rps.toFixed(1)} rps, p50 ${run.p50} ms, p99 ${run.p99} ms${run.failures ? `, ${run.failures} failed` : ""}, ${run.served - run.requests} in flight at the close${target in run.cpu && run.served ? `, ${((1000 * run.cpu[target]) / run.served).toFixed(2)} CPU-ms/request in ${target}` : ""}, subgraphs ${((subgraphCpu * 1000) / Math.max(run.served, 1)).toFixed(2)} CPU-ms/req, load ${os.loadavg()[0].toFixed(1)}`,
        );
      }
    }
  }
}

async function main() {
  const chosen = flags.scenarios ? flags.scenarios.split(",") : SCENARIOS.map((s) => s.name);
  const scenarios = SCENARIOS.filter((s) => chosen.includes(s.name));
  // Smoke (CI) keeps one target of each kind, dedup off: each peer's answers are still checked
  // (a broken Rust planner install answered every request with an error), in less time.
  const all = smoke ? GATEWAYS.filter((name) => name !== "hive" && name !== "hive-rust") : GATEWAYS;
  const gateways = (flags.gateways ? flags.gateways.split(",") : all) as GatewayName[];
  if (!gateways.includes("hub")) gateways.unshift("hub");
  const started = Date.now();
  ensureBenchPackages(log);
  const fed = await startBenchFederation({
    databaseUrls,
    gateways,
    log,
    profileDir: flags.profile,
    hubEnv: {
      ...(workers > 1 ? { GATEWAY_WORKERS: String(workers), REDIS_URL: redisUrl } : {}),
      ...(flags.executor ? { GATEWAY_EXECUTOR: flags.executor } : {}),
    },
  });
  try {
    const fixture = await discoverFixture(fed);
    log(
      `fixture: reads in district ${fixture.districtCode}, publishing in ${fixture.publishDistrict}, volunteer ${fixture.volunteerId}`,
    );
    const results: ScenarioResult[] = scenarios.map((scenario) => ({
      scenario,
      runs: {},
      mismatches: {},
    }));
    await checkAndCount(fed, results, fixture);
    await warmUp(fed, results, fixture, gateways);
    await timedRounds(fed, results, fixture, gateways);
    // The response cache's hit rates while a district publishes (not in smoke: it is timed).
    let mixed: MixedResult | undefined;
    if (gateways.includes("hub-defaults") && !smoke) {
      mixed = await runMixed(fed, { seconds: Math.max(seconds, 10), connections: 20 });
      log(`mixed run: ${mixed.answers} answers, ${mixed.published} stations published`);
      await databaseQuiet(fed);
      await settle(fed.pids());
    }
    const floors: Floors | undefined =
      databaseUrl && !smoke ? await measureFloors(fed, fixture, log, dbPid) : undefined;
    const report = renderReport({
      results,
      floors,
      mixed,
      smoke,
      settings: {
        date: today(),
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "",
        node: process.version,
        database:
          (databaseUrl ? "MySQL/MariaDB (bench data set)" : "SQLite (demo data)") +
          (workers > 1 ? `; our gateways as ${workers} cluster workers sharing Redis` : ""),
        seconds,
        rounds,
        connections,
        wallSeconds: 0,
      },
      rss: Object.fromEntries(Object.entries(fed.pids()).map(([n, pid]) => [n, pid])),
      started,
    });
    console.log(report.markdown);
    const dir = path.join(__dirname, "..", "..", "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(
      dir,
      `${today()}-${smoke ? "smoke" : databaseUrl ? "mysql" : "sqlite"}${workers > 1 ? `-workers${workers}` : ""}.md`,
    );
    fs.writeFileSync(file, report.markdown);
    log(`written to ${path.relative(process.cwd(), file)}`);
    if (report.failed) process.exitCode = 1;
  } finally {
    // The stations the publishing scenario wrote would slow the next run's reads: drop them.
    await removeBenchRows(fed).catch((error) =>
      log(`could not remove the bench's stations: ${error}`),
    );
    await fed.stop();
  }
}

/** Each target writes rows of its own, so no target re-sends another's (unchanged) rows. */
function targetSalt(target: Target) {
  return (["direct", ...GATEWAYS] as Target[]).indexOf(target) * 1e5;
}

main().catch((error) => {
  console.error("[bench] failed:", error);
  process.exit(1);
});
