// The benchmark's arithmetic and judgement, without running it: Prometheus sums, CPU per request,
// which checks fail (smoke judges only what does not depend on the machine), profile packages.
import { metricSum } from "../../bench/counts";
import { packageOf } from "../../bench/profile";
import { renderReport, summarise } from "../../bench/report";
import type { ScenarioResult } from "../../bench/run";
import type { Scenario } from "../../bench/scenarios";

const run = (rps: number, cpu: Record<string, number>, failures = 0) => ({
  requests: rps * 10,
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

const counts = (statements: number, fetches: number) => ({ statements, fetches, bySubgraph: {} });

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

  it("names the package a profiled function belongs to", () => {
    expect(packageOf("file:///w/node_modules/@apollo/gateway/dist/x.js")).toBe("@apollo/gateway");
    expect(packageOf("file:///w/node_modules/a/node_modules/typeorm/x.js")).toBe("typeorm");
    expect(packageOf("node:internal/http")).toBe("node");
    expect(packageOf("file:///w/dist/gateway/index.js")).toBe("hub");
  });
});

describe("bench judgement", () => {
  const fast = {
    scenario: read,
    runs: { hub: [run(300, {})], stock: [run(100, {})], "hive-nodedup": [run(250, {})] },
    mismatches: {},
    counts: [counts(4, 2), counts(4, 2)] as [ReturnType<typeof counts>, ReturnType<typeof counts>],
  } as ScenarioResult;

  it("passes a hub 1.5 times faster than stock and ahead of Hive", () => {
    const { markdown, failed } = renderReport(input([fast], false));
    expect(failed).toBe(false);
    expect(markdown).toContain("| Read: hub ≥ 1.5 × stock and ≥ Hive GW (dedup off) | pass |");
  });

  it("fails a hub slower than 1.5 times stock, but not in smoke mode", () => {
    const slow = { ...fast, runs: { ...fast.runs, hub: [run(120, {})] } } as ScenarioResult;
    expect(renderReport(input([slow], false)).failed).toBe(true);
    expect(renderReport(input([slow], true)).failed).toBe(false);
  });

  it("fails, even in smoke mode, when work grows with the page or our answer is wrong", () => {
    const growing = { ...fast, counts: [counts(4, 2), counts(40, 2)] } as ScenarioResult;
    expect(renderReport(input([growing], true)).failed).toBe(true);
    const wrong = { ...fast, mismatches: { hub: "differs" } } as ScenarioResult;
    expect(renderReport(input([wrong], true)).failed).toBe(true);
  });
});
