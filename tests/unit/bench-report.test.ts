// The benchmark's arithmetic and judgement, without running it: Prometheus sums, CPU per request,
// which checks fail (smoke judges only what does not depend on the machine), profile packages.
import { metricSum } from "../../bench/counts";
import { packageOf } from "../../bench/profile";
import { publishBudget, renderReport, summarise } from "../../bench/report";
import type { ScenarioResult } from "../../bench/run";
import type { Scenario } from "../../bench/scenarios";

const run = (rps: number, cpu: Record<string, number>, failures = 0, inFlight = 0) => ({
  requests: rps * 10,
  served: rps * 10 + inFlight,
  rps,
  p50: 10,
  p99: 20,
  failures,
  cpu,
});

const read: Scenario = {
  name: "Read",
  query: "{ x }",
  variables: () => ({}),
  pageSizes: [5, 50],
  caller: null,
  shared: true,
};

const input = (results: ScenarioResult[], smoke: boolean) => ({
  results,
  smoke,
  settings: {
    date: "2026-12-02",
    cpus: 2,
    cpuModel: "test",
    node: "v20",
    database: "SQLite",
    seconds: 10,
    rounds: 1,
    connections: 50,
    wallSeconds: 0,
  },
  rss: {},
  started: Date.now(),
});

const counts = (statements: number, fetches: number) => ({
  statements,
  fetches,
  entityFetches: 0,
  representations: 0,
  bySubgraph: {},
});

describe("bench arithmetic", () => {
  it("sums every label set of a metric and nothing else", () => {
    const text = [
      "# HELP hub_sql_statements_total SQL",
      'hub_sql_statements_total{subgraph="corps"} 3',
      'hub_sql_statements_total{subgraph="districts"} 4',
      "hub_sql_statements_total_other 100",
      "hub_sql_statements_total 2",
    ].join("\n");
    expect(metricSum(text, "hub_sql_statements_total")).toBe(9);
  });

  it("gives CPU milliseconds per request for the gateway and the subgraphs apart", () => {
    const summary = summarise("hub", [run(100, { hub: 2, corps: 1, districts: 3, stock: 9 })]);
    // 1,000 requests: 2 s of gateway CPU is 2 ms each, 4 s of subgraph CPU 4 ms each.
    expect(summary.gatewayCpu).toBeCloseTo(2);
    expect(summary.subgraphCpu).toBeCloseTo(4);
  });

  it("counts the requests in flight when the window closed with the CPU they cost", () => {
    // 1,000 answered and 250 still in flight, whose work the CPU figures hold: 2.5 s is 2 ms each.
    const summary = summarise("hub", [run(100, { hub: 2.5 }, 0, 250)]);
    expect(summary.gatewayCpu).toBeCloseTo(2);
    expect(summary.requests).toBe(1000);
  });

  it("names the package a profiled function belongs to", () => {
    expect(packageOf("file:///w/node_modules/@apollo/gateway/dist/x.js")).toBe("@apollo/gateway");
    expect(packageOf("file:///w/node_modules/a/node_modules/typeorm/x.js")).toBe("typeorm");
    expect(packageOf("node:internal/http")).toBe("node");
    expect(packageOf("file:///w/dist/gateway/index.js")).toBe("hub");
  });
});

describe("bench judgement", () => {
  const stories: Scenario = { ...read, name: "CaseStories" };
  // 1,000 requests a run: CPU seconds are CPU-ms per request.
  const fast = {
    scenario: stories,
    runs: {
      hub: [run(100, { hub: 2, corps: 3, publicity: 5 })],
      stock: [run(100, { stock: 5, corps: 4, publicity: 7 })],
      "hive-rust-nodedup": [run(100, { "hive-rust-nodedup": 3, corps: 3, publicity: 6 })],
    },
    mismatches: {},
    counts: [counts(4, 2), counts(4, 2)] as [ReturnType<typeof counts>, ReturnType<typeof counts>],
  } as ScenarioResult;

  it("judges CPU per request: in all, against stock's gateway and against the Rust planner", () => {
    const { markdown, failed } = renderReport(input([fast], false));
    expect(failed).toBe(false);
    expect(markdown).toContain(
      "| CaseStories: gateway + subgraphs ≤ 15 CPU-ms per request | pass |",
    );
    expect(markdown).toContain(
      "| CaseStories: our gateway's CPU ≤ 0.5 × stock's and ≤ the Rust planner's | pass |",
    );
    expect(markdown).toContain(
      "| CaseStories: subgraph CPU behind ours ≤ behind the Rust planner | pass |",
    );
    // The ratios of every process's CPU together: ours 10, stock 16, the Rust planner 12.
    expect(markdown).toMatch(/\| hub \(cache, dedup off\) \|.*\| 10\.00 \| 0\.63 \| 0\.83 \|/);
  });

  it("fails a gateway dearer than half stock's, or subgraphs asked for more, but not in smoke", () => {
    const dear = {
      ...fast,
      runs: { ...fast.runs, hub: [run(100, { hub: 2.6, corps: 3, publicity: 5 })] },
    } as ScenarioResult;
    expect(renderReport(input([dear], false)).failed).toBe(true);
    expect(renderReport(input([dear], true)).failed).toBe(false);
    const askingMore = {
      ...fast,
      runs: { ...fast.runs, hub: [run(100, { hub: 2, corps: 4, publicity: 6 })] },
    } as ScenarioResult;
    const judged = renderReport(input([askingMore], false));
    expect(judged.failed).toBe(true);
    expect(judged.markdown).toContain(
      "| CaseStories: subgraph CPU behind ours ≤ behind the Rust planner | **fail** |",
    );
  });

  it("reports the representations each entity fetch carries", () => {
    const withEntities = {
      ...fast,
      counts: [
        { ...counts(4, 3), entityFetches: 2, representations: 10 },
        { ...counts(4, 3), entityFetches: 2, representations: 100 },
      ],
    } as ScenarioResult;
    expect(renderReport(input([withEntities], true)).markdown).toContain(
      "3 subgraph fetches, 2 of them entity fetches carrying 10 representations (5.0 per fetch)",
    );
  });

  it("prints the mixed run's share of answers from the cache, per read and in all", () => {
    const mixed = {
      seconds: 10,
      connections: 20,
      publishing: "440392",
      published: 10,
      p50: 12,
      answers: 400,
      non2xx: 0,
      reads: [
        { name: "CityDashboard, city", answers: 200, hits: 180 },
        { name: "CaseStories", answers: 200, hits: 199 },
      ],
    };
    const markdown = renderReport({ ...input([fast], false), mixed }).markdown;
    expect(markdown).toContain("## The response cache while a district publishes");
    expect(markdown).toContain("| CityDashboard, city | 200 | 90.0 % |");
    expect(markdown).toContain("| CaseStories | 200 | 99.5 % |");
    expect(markdown).toContain("| all | 400 | 94.8 % |");
  });

  it("fails, even in smoke mode, when work grows with the page or our answer is wrong", () => {
    const growing = { ...fast, counts: [counts(4, 2), counts(40, 2)] } as ScenarioResult;
    expect(renderReport(input([growing], true)).failed).toBe(true);
    const wrong = { ...fast, mismatches: { hub: "differs" } } as ScenarioResult;
    expect(renderReport(input([wrong], true)).failed).toBe(true);
  });

  it("prints the database server's CPU beside the Node processes' when it was measured", () => {
    const withDatabase = {
      ...fast,
      runs: {
        hub: [run(100, { hub: 2, corps: 3, publicity: 5, database: 4 })],
        stock: [run(100, { stock: 5, corps: 4, publicity: 7, database: 5 })],
      },
    } as ScenarioResult;
    const { markdown } = renderReport(input([withDatabase], false));
    expect(markdown).toContain("| all CPU ms/req | database CPU ms/req | CPU × stock |");
    // Not in "all": ours 10 in the Node processes, 4 in the database.
    expect(markdown).toMatch(/\| hub \(cache, dedup off\) \|.*\| 10\.00 \| 4\.00 \| 0\.63 \|/);
    expect(renderReport(input([fast], false)).markdown).not.toContain("database CPU");
  });

  it("says what the publish target leaves the Node processes after the database's share", () => {
    const publish = summarise("hub", [run(20, { hub: 0.3, districts: 0.5, database: 1 })]);
    const floors = {
      dashboardStatements: 1,
      dashboardP50: 1,
      dashboardEndToEndP50: 1,
      insertRowsPerSecond: 100_000,
      publishSqlRowsPerSecond: 40_000,
      publishStatements: 6,
      publishSqlDatabaseCpu: 30,
      publishSqlClientCpu: 5,
    };
    // 200 requests of 1,000 rows: the database 5 CPU-ms a request, the Node processes 4. At 75 %
    // of 40,000 rows/s, 2 cores leave 66.7 CPU-ms per 1,000 rows in all, 61.7 after the database.
    const text = publishBudget(floors, publish, 2)!;
    expect(text).toContain("the database server spent 5.0 and the Node processes 4.0");
    expect(text).toContain("at most 66.7: 61.7 for the Node processes");
    expect(text).toContain("(1.40 of 2 cores busy at its rate)");
    expect(publishBudget({ ...floors, publishSqlDatabaseCpu: NaN }, publish, 2)).toBeUndefined();
  });
});
