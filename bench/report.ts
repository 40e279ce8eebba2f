// The benchmark's Markdown: settings, one table per scenario (median of the rounds), work per
// request, floors, and the issue's targets with pass/fail.
import { SUBGRAPHS } from "../runtime/config";
import { GATEWAY_LABELS } from "./federation";
import type { Floors } from "./floors";
import type { LoadResult } from "./load";
import { mixedMarkdown, type MixedResult } from "./mixed-run";
import { rssMiB } from "./processes";
import type { ScenarioResult, Target } from "./run";

export interface ReportInput {
  results: ScenarioResult[];
  floors?: Floors;
  smoke: boolean;
  settings: {
    date: string;
    cpus: number;
    cpuModel: string;
    node: string;
    database: string;
    seconds: number;
    rounds: number;
    connections: number;
    wallSeconds: number;
  };
  /** The mixed run's hit rates (our gateway at its defaults while a district publishes). */
  mixed?: MixedResult;
  /** Process name to pid, for memory at the end. */
  rss: Record<string, number>;
  started: number;
}

export const median = (values: number[]) => {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** Requests answered in the timed window, in its emptiest round. */
  requests: number;
  /** CPU milliseconds per request (= CPU seconds per 1,000 requests). */
  gatewayCpu: number;
  subgraphCpu: number;
  /** The same, for each subgraph. */
  bySubgraph: Record<string, number>;
  /** The local database server's CPU milliseconds per request (NaN when not measured). */
  databaseCpu: number;
}

const isSubgraph = (name: string) => (SUBGRAPHS as readonly string[]).includes(name);

export function summarise(target: Target, runs: LoadResult[]): Summary {
  const perRequest = (pick: (name: string) => boolean) =>
    median(
      runs.map((run) => {
        const cpu = Object.entries(run.cpu)
          .filter(([name]) => pick(name))
          .reduce((sum, [, seconds]) => sum + seconds, 0);
        return run.served ? (cpu * 1000) / run.served : NaN;
      }),
    );
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
    requests: Math.min(...runs.map((r) => r.requests)),
    gatewayCpu: target === "direct" ? 0 : perRequest((name) => name === target),
    subgraphCpu: perRequest(isSubgraph),
    bySubgraph: Object.fromEntries(SUBGRAPHS.map((name) => [name, perRequest((n) => n === name)])),
    databaseCpu: runs.every((run) => "database" in run.cpu)
      ? perRequest((name) => name === "database")
      : NaN,
  };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const label = (target: Target) =>
  target === "direct" ? "straight to the subgraph" : GATEWAY_LABELS[target];

interface Check {
  what: string;
  pass: boolean | undefined;
  detail: string;
  /** Why a check is not judged (pass undefined); "smoke" when unsaid. */
  why?: string;
}

export function renderReport(input: ReportInput): { markdown: string; failed: boolean } {
  const { settings: s, results, floors, smoke } = input;
  const lines: string[] = [];
  const checks: Check[] = [];
  lines.push(`# Benchmark ${s.date}${smoke ? " (smoke)" : ""}`, "");
  lines.push(
    `${s.cpus} CPUs (${s.cpuModel.trim()}), Node ${s.node}, ${s.database}. Each target ${s.seconds} s ` +
      `per round at ${s.connections} connections (publishing: 4), ${s.rounds} round(s), targets ` +
      `interleaved and rotated; medians of the rounds. CPU is milliseconds per request (= CPU ` +
      `seconds per 1,000 requests), from /proc, from the timed window's start until the processes ` +
      `are quiet again, over the requests answered in the window and those still in flight at its ` +
      `close (one a connection; the servers finish them). Wall time ${fmt((Date.now() - input.started) / 1000, 0)} s.`,
    "",
  );
  const summaries = new Map<string, Partial<Record<Target, Summary>>>();
  for (const result of results) {
    const { scenario, runs, mismatches } = result;
    const byTarget: Partial<Record<Target, Summary>> = {};
    for (const [target, list] of Object.entries(runs) as Array<[Target, LoadResult[]]>)
      byTarget[target] = summarise(target, list);
    summaries.set(scenario.name, byTarget);
    const stock = byTarget.stock?.rps;
    const rows = scenario.rowsPerRequest ?? 0;
    lines.push(
      `## ${scenario.name}${scenario.caller ? ` (${scenario.caller.role})` : " (anonymous)"}`,
      "",
    );
    // The database server's CPU, when it runs on this machine: beside the Node processes, not in them.
    const database = Object.values(byTarget).some((sum) => Number.isFinite(sum.databaseCpu));
    lines.push(
      `| target | ${rows ? "rows/s" : "RPS"} | p50 ms | p99 ms | gateway CPU ms/req | subgraphs CPU ms/req | ${SUBGRAPHS.map((n) => `${n} CPU`).join(" | ")} | all CPU ms/req | ${database ? "database CPU ms/req | " : ""}CPU × stock | CPU × Rust planner | RPS × stock | answer |`,
      `|---|---|---|---|---|---|${SUBGRAPHS.map(() => "---|").join("")}---|${database ? "---|" : ""}---|---|---|---|`,
    );
    const stockCpu = byTarget.stock && totalCpu(byTarget.stock);
    const rustCpu = byTarget[RUST] && totalCpu(byTarget[RUST]);
    for (const [target, sum] of Object.entries(byTarget) as Array<[Target, Summary]>) {
      const answer = mismatches[target]
        ? `differs: \`${mismatches[target].slice(0, 80)}\``
        : "same";
      lines.push(
        `| ${label(target)} | ${fmt(rows ? sum.rps * rows : sum.rps)} | ${fmt(sum.p50, 0)} | ${fmt(sum.p99, 0)} | ` +
          `${target === "direct" ? "–" : fmt(sum.gatewayCpu, 2)} | ${fmt(sum.subgraphCpu, 2)} | ` +
          SUBGRAPHS.map((name) => `${fmt(sum.bySubgraph[name], 2)} | `).join("") +
          `${fmt(totalCpu(sum), 2)} | ${database ? `${fmt(sum.databaseCpu, 2)} | ` : ""}${stockCpu ? fmt(totalCpu(sum) / stockCpu, 2) : "–"} | ` +
          `${rustCpu ? fmt(totalCpu(sum) / rustCpu, 2) : "–"} | ` +
          `${stock ? fmt(sum.rps / stock, 2) : "–"} | ${answer}${sum.failures ? ` (${sum.failures} failed)` : ""} |`,
      );
    }
    lines.push("");
    if (result.counts) {
      const [a, b] = result.counts;
      const sizes = scenario.pageSizes ?? [1, 1];
      const by = (c: typeof a) =>
        Object.entries(c.bySubgraph)
          .map(([n, v]) => `${n} ${v}`)
          .join(", ");
      const entities = (c: typeof a) =>
        c.entityFetches
          ? `, ${c.entityFetches} of them entity fetches carrying ${c.representations} representations ` +
            `(${fmt(c.representations / c.entityFetches, 1)} per fetch)`
          : "";
      lines.push(
        `Work per request through our gateway: page ${sizes[0]}: ${a.statements} SQL statements (${by(a)}), ` +
          `${a.fetches} subgraph fetches${entities(a)}; page ${sizes[1]}: ${b.statements} statements (${by(b)}), ` +
          `${b.fetches} fetches${entities(b)}.`,
        "",
      );
      if (scenario.pageSizes)
        checks.push({
          what: `${scenario.name}: statements and fetches independent of page size`,
          pass: a.statements === b.statements && a.fetches === b.fetches,
          detail: `${a.statements}/${a.fetches} at ${sizes[0]}, ${b.statements}/${b.fetches} at ${sizes[1]}`,
        });
    }
    if (mismatches.hub || mismatches["hub-defaults"] || mismatches.direct)
      checks.push({
        what: `${scenario.name}: our gateway and the subgraph give the right answer`,
        pass: false,
        detail: mismatches.hub ?? mismatches["hub-defaults"] ?? mismatches.direct ?? "",
      });
    if ((byTarget.hub?.failures ?? 0) + (byTarget["hub-defaults"]?.failures ?? 0) > 0)
      checks.push({
        what: `${scenario.name}: no failed request through our gateway`,
        pass: false,
        detail: `${(byTarget.hub?.failures ?? 0) + (byTarget["hub-defaults"]?.failures ?? 0)} failed`,
      });
    const hub = byTarget.hub?.rps;
    if (!rows && !scenario.direct && hub && stock) {
      const hiveOff = byTarget["hive-nodedup"]?.rps;
      // Requests that outlast the window (the uncached dashboard) leave too few answers in it to
      // compare throughput or CPU per request.
      const answered = Math.min(byTarget.hub!.requests, byTarget.stock!.requests);
      const tooFew = answered < MIN_COMPARED_REQUESTS;
      const budget = tooFew ? undefined : gatewayBudget(byTarget.stock!);
      if (budget && !smoke)
        lines.push(
          `Gateway budget: every process shares the same ${s.cpus} cores, so throughput follows the ` +
            `CPU a request costs in all of them. Through stock @apollo/gateway one costs ` +
            `${fmt(budget.stockTotal, 1)} CPU-ms (gateway ${fmt(byTarget.stock!.gatewayCpu, 1)}, subgraphs ` +
            `${fmt(byTarget.stock!.subgraphCpu, 1)}); 1.5 × its throughput leaves a gateway at most ` +
            `${fmt(budget.forTarget, 1)} CPU-ms per request (ours spent ${fmt(byTarget.hub!.gatewayCpu, 1)}). ` +
            `A gateway that cost nothing would reach about ${fmt(budget.ceiling * stock)} RPS ` +
            `(${fmt(budget.ceiling, 2)} × stock), before the load generator's own share.`,
          "",
        );
      const why = tooFew && !smoke ? `${answered} requests in a round's window` : undefined;
      const judged = smoke || tooFew ? undefined : true;
      checks.push(
        ...cpuChecks(scenario.name, byTarget, judged, why).map((check) => ({
          ...check,
          detail:
            check.detail +
            (hiveOff
              ? `; RPS hub ${fmt(hub)}, stock ${fmt(stock)}, Hive dedup off ${fmt(hiveOff)}`
              : ""),
        })),
      );
    }
    const defaults = byTarget["hub-defaults"]?.rps;
    const hive = byTarget.hive?.rps;
    if (scenario.shared && defaults && hive)
      checks.push({
        what: `${scenario.name}: hub with dedup and cache ≥ Hive GW default`,
        pass: smoke ? undefined : defaults >= hive,
        detail: `${fmt(defaults)} vs ${fmt(hive)}`,
      });
  }
  if (floors) floorsSection(floors, summaries, s, lines, checks);
  if (input.mixed)
    lines.push(
      "## The response cache while a district publishes",
      "",
      "Our gateway at its defaults; the share of each read answered from the cache " +
        "([performance](../../docs/performance.md#the-mixed-run)).",
      "",
      ...mixedMarkdown(input.mixed),
      "",
    );
  lines.push("## Memory at the end", "");
  lines.push(
    Object.entries(input.rss)
      .map(([name, pid]) => `${name} ${fmt(rssMiB(pid), 0)} MiB`)
      .join(", "),
    "",
  );
  lines.push("## Targets", "", "| target | result | figures |", "|---|---|---|");
  for (const check of checks)
    lines.push(
      `| ${check.what} | ${check.pass === undefined ? `not judged (${check.why ?? "smoke"})` : check.pass ? "pass" : "**fail**"} | ${check.detail} |`,
    );
  lines.push("");
  // Smoke judges what does not depend on the machine: answers, failures, work per request.
  const failed = checks.some((c) => c.pass === false && (!smoke || !/≥|≤/.test(c.what)));
  return { markdown: lines.join("\n"), failed };
}

/** The floors: what the database alone needs, and the targets judged against it. */
function floorsSection(
  floors: Floors,
  summaries: Map<string, Partial<Record<Target, Summary>>>,
  s: ReportInput["settings"],
  lines: string[],
  checks: Check[],
) {
  lines.push("## Floors", "");
  const dash = summaries.get("CityDashboard")?.hub;
  lines.push(
    `- CityDashboard's ${floors.dashboardStatements} SQL statements run directly with mysql2, all at ` +
      `once, each on its own connection (as the subgraphs' pools run them): p50 ${fmt(floors.dashboardP50, 1)} ms ` +
      `(end to end through our gateway at 1 connection: p50 ${fmt(floors.dashboardEndToEndP50, 1)} ms).`,
    `- Raw multi-row INSERT of stations: ${fmt(floors.insertRowsPerSecond, 0)} rows/s.`,
    `- The publish's own ${floors.publishStatements} SQL statements (stored rows read, stations ` +
      `inserted, their ids read, audit events inserted), replayed the same way in one transaction ` +
      `each: ${fmt(floors.publishSqlRowsPerSecond, 0)} rows/s ` +
      `(${fmt((100 * floors.publishSqlRowsPerSecond) / floors.insertRowsPerSecond, 0)} % of the raw INSERT): ` +
      `the most any code around them could reach on this machine.`,
    "",
  );
  checks.push({
    what: "CityDashboard uncached, one connection: p50 ≤ 30 ms",
    pass: floors.dashboardEndToEndP50 <= 30,
    detail: `${fmt(floors.dashboardEndToEndP50)} ms`,
  });
  checks.push({
    what: "CityDashboard end-to-end p50 ≤ 1.5 × the raw SQL floor",
    pass: floors.dashboardEndToEndP50 <= 1.5 * floors.dashboardP50,
    detail: `${fmt(floors.dashboardEndToEndP50)} ms vs floor ${fmt(floors.dashboardP50)} ms${dash ? ` (at ${s.connections} connections p50 ${fmt(dash.p50, 0)} ms)` : ""}`,
  });
  const publish = summaries.get("PublishStations")?.hub;
  const budget = publish && publishBudget(floors, publish, s.cpus);
  if (budget) lines.push(budget, "");
  if (publish)
    checks.push({
      what: "PublishStations rows/s ≥ 75 % of the publish's own SQL replayed",
      pass: publish.rps * 1000 >= 0.75 * floors.publishSqlRowsPerSecond,
      detail: `${fmt(publish.rps * 1000, 0)} vs ${fmt(floors.publishSqlRowsPerSecond, 0)} rows/s`,
    });
  if (publish)
    checks.push({
      what: "PublishStations rows/s ≥ 50 % of the raw INSERT floor",
      pass: publish.rps * 1000 >= 0.5 * floors.insertRowsPerSecond,
      detail:
        `${fmt(publish.rps * 1000, 0)} vs ${fmt(floors.insertRowsPerSecond, 0)} rows/s ` +
        `(${fmt((100 * publish.rps * 1000) / floors.publishSqlRowsPerSecond, 0)} % of its own SQL replayed, ` +
        `${fmt(floors.publishSqlRowsPerSecond, 0)} rows/s)`,
    });
}

/**
 * What the publish target leaves the Node processes, when the database server's CPU was measured:
 * every process shares the same cores, so at 75 % of the replay's rows per second all of them
 * together may spend at most cores / rate CPU per row, and the database server's share is spent
 * first. (A request of PublishStations carries 1,000 rows: CPU-ms per request is per 1,000 rows.)
 */
export function publishBudget(floors: Floors, publish: Summary, cpus: number): string | undefined {
  if (!Number.isFinite(floors.publishSqlDatabaseCpu) || !Number.isFinite(publish.databaseCpu))
    return undefined;
  const target = 0.75 * floors.publishSqlRowsPerSecond;
  const all = (cpus * 1e6) / target;
  const replayCores =
    ((floors.publishSqlDatabaseCpu + floors.publishSqlClientCpu) * floors.publishSqlRowsPerSecond) /
    1e6;
  return (
    `Publish budget, CPU-ms per 1,000 rows: the replay cost the database server ` +
    `${fmt(floors.publishSqlDatabaseCpu, 1)} and mysql2 ${fmt(floors.publishSqlClientCpu, 1)} ` +
    `(${fmt(replayCores, 2)} of ${cpus} cores busy at its rate); through our gateway the database ` +
    `server spent ${fmt(publish.databaseCpu, 1)} and the Node processes ${fmt(totalCpu(publish), 1)} ` +
    `(gateway ${fmt(publish.gatewayCpu, 1)}, subgraphs ${fmt(publish.subgraphCpu, 1)}). At 75 % of the ` +
    `replay's rate (${fmt(target, 0)} rows/s) every process together may spend at most ${fmt(all, 1)}: ` +
    `${fmt(all - publish.databaseCpu, 1)} for the Node processes and the load generator once the ` +
    `database server has its share.`
  );
}

/** The Rust planner's target with dedup off: the peer the CPU targets are judged against. */
const RUST = "hive-rust-nodedup" as const;

/** CPU milliseconds one request costs in every process together. */
export const totalCpu = (sum: Pick<Summary, "gatewayCpu" | "subgraphCpu">) =>
  sum.gatewayCpu + sum.subgraphCpu;

/** The read scenarios whose gateway CPU is judged against stock's and the Rust planner's. */
const GATEWAY_CPU_SCENARIOS = ["CaseStories", "Volunteer", "Platforms"];

/**
 * Issue 30's targets in CPU per request (our gateway with cache and dedup off, like the peers):
 * CaseStories ≤ 15 CPU-ms in all processes; our gateway ≤ half stock's and ≤ the Rust planner's;
 * the subgraphs behind ours ≤ behind the Rust planner's (a plan that asks them for no more).
 * `judged` undefined: reported, not judged (smoke, or too few answers in the window).
 */
export function cpuChecks(
  scenario: string,
  byTarget: Partial<Record<Target, Summary>>,
  judged: true | undefined,
  why: string | undefined,
): Check[] {
  const hub = byTarget.hub;
  if (!hub) return [];
  const checks: Check[] = [];
  const stock = byTarget.stock;
  const rust = byTarget[RUST];
  if (scenario === "CaseStories")
    checks.push({
      what: "CaseStories: gateway + subgraphs ≤ 15 CPU-ms per request",
      pass: judged && totalCpu(hub) <= 15,
      why,
      detail: `${fmt(totalCpu(hub), 2)} CPU-ms (gateway ${fmt(hub.gatewayCpu, 2)}, subgraphs ${fmt(hub.subgraphCpu, 2)})`,
    });
  if (GATEWAY_CPU_SCENARIOS.includes(scenario) && stock)
    checks.push({
      what: `${scenario}: our gateway's CPU ≤ 0.5 × stock's and ≤ the Rust planner's`,
      pass:
        judged &&
        hub.gatewayCpu <= 0.5 * stock.gatewayCpu &&
        (!rust || hub.gatewayCpu <= rust.gatewayCpu),
      why,
      detail:
        `gateway ${fmt(hub.gatewayCpu, 2)} CPU-ms vs stock ${fmt(stock.gatewayCpu, 2)} ` +
        `(${fmt(hub.gatewayCpu / stock.gatewayCpu, 2)}×)` +
        (rust
          ? `, Rust planner ${fmt(rust.gatewayCpu, 2)} (${fmt(hub.gatewayCpu / rust.gatewayCpu, 2)}×)`
          : ""),
    });
  if (rust)
    checks.push({
      what: `${scenario}: subgraph CPU behind ours ≤ behind the Rust planner`,
      pass: judged && hub.subgraphCpu <= rust.subgraphCpu,
      why,
      detail: `${fmt(hub.subgraphCpu, 2)} vs ${fmt(rust.subgraphCpu, 2)} CPU-ms`,
    });
  return checks;
}

/** Fewer answered requests in a round than this, and two targets' throughput is not compared. */
const MIN_COMPARED_REQUESTS = 30;

/**
 * What the 1.5 × stock target leaves a gateway, from stock's measured CPU per request: the
 * gateway CPU-ms at which a request costs 1/1.5 of stock's in all processes together (negative:
 * even a free gateway falls short), and the ratio a gateway that cost nothing would reach.
 */
export function gatewayBudget(stock: Pick<Summary, "gatewayCpu" | "subgraphCpu">) {
  const stockTotal = stock.gatewayCpu + stock.subgraphCpu;
  if (!(stock.subgraphCpu > 0) || !(stockTotal > 0)) return undefined;
  return {
    stockTotal,
    forTarget: stockTotal / 1.5 - stock.subgraphCpu,
    ceiling: stockTotal / stock.subgraphCpu,
  };
}
