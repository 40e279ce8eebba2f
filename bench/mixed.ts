// node dist/bench/mixed.js [--seconds 20] [--connections 20]: the response cache while a district
// publishes. Our gateway at its defaults (cache and dedup on) serves readers of the city's
// dashboard, of another district's dashboard (its operator), of an anonymous story page and of
// the anonymous CaseStories, while one district publishes a new station every second. Prints each
// read's share of answers served from the cache (`Age` header) and its p50 (docs/performance.md).
import "reflect-metadata";
import { parseArgs } from "node:util";
import { configOrExit } from "../tools/cli";
import { post } from "./counts";
import { startBenchFederation } from "./federation";
import { removeBenchRows } from "./floors";
import { benchRequire, ensureBenchPackages } from "./peers";
import { contractOperation, dashboardRange, stationRows } from "./scenarios";

type Autocannon = (options: Record<string, unknown>) => Promise<{
  latency: { p50: number };
  "2xx": number;
  non2xx: number;
}>;

const log = (line: string) => console.error(`[mixed] ${line}`);

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string" }, connections: { type: "string" } },
  });
  const seconds = Number(values.seconds ?? 20);
  const connections = Number(values.connections ?? 20);
  const config = configOrExit();
  ensureBenchPackages(log);
  const fed = await startBenchFederation({
    databaseUrls: config.databases.urls,
    gateways: ["hub-defaults"],
    log,
  });
  const url = fed.gateways["hub-defaults"]!.url;
  try {
    const admin = await fed.headers({ sub: "bench-admin", role: "CITY_ADMIN" }, "hub-defaults");
    const answer = await post(url, admin, { query: "{ districts { code stationCount } }" });
    const districts = (
      answer.json.data as { districts: Array<{ code: string; stationCount: number }> }
    ).districts.sort((a, b) => a.stationCount - b.stationCount);
    const publishing = districts[0].code;
    const other = districts[districts.length - 1].code;
    const dashboard = JSON.stringify({
      query: contractOperation("dashboard", "CityDashboard"),
      variables: dashboardRange(),
    });
    const reads = [
      {
        name: "CityDashboard, city (DASHBOARD_VIEWER)",
        headers: await fed.headers(
          { sub: "bench-viewer", role: "DASHBOARD_VIEWER" },
          "hub-defaults",
        ),
        body: dashboard,
      },
      {
        name: `CityDashboard, district ${other} (its DISTRICT_OPERATOR)`,
        headers: await fed.headers(
          { sub: "bench-operator", role: "DISTRICT_OPERATOR", district: other },
          "hub-defaults",
        ),
        body: dashboard,
      },
      {
        name: "story page (anonymous, publicity's fields)",
        headers: await fed.headers(null, "hub-defaults"),
        body: JSON.stringify({
          query:
            "{ caseStories(first: 20) { totalCount nodes { id title summary publishedAt categories district { code } } } }",
        }),
      },
      {
        name: "CaseStories(first: 50) (anonymous, every subgraph's fields)",
        headers: await fed.headers(null, "hub-defaults"),
        body: JSON.stringify({
          query: contractOperation("publicity", "CaseStories"),
          variables: { first: 50 },
        }),
      },
    ];
    const hits = reads.map(() => ({ hit: 0, all: 0 }));
    let published = 0;
    let stop = false;
    const publisher = (async () => {
      for (let n = 0; !stop; n++) {
        const started = Date.now();
        const done = await post(url, admin, {
          query: contractOperation("districts", "PublishStations"),
          variables: { districtCode: publishing, stations: stationRows(`mix${process.pid}`, n, 1) },
        });
        if (!done.json.errors) published += 1;
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
      }
    })();
    const run = benchRequire("autocannon") as Autocannon;
    const result = await run({
      url,
      method: "POST",
      connections,
      duration: seconds,
      timeout: 60,
      requests: reads.map((read, i) => ({
        method: "POST",
        headers: { "content-type": "application/json", ...read.headers },
        body: read.body,
        onResponse: (_status: number, _body: string, _context: unknown, headers: unknown) => {
          hits[i].all += 1;
          const list = Array.isArray(headers) ? headers : Object.entries(headers ?? {}).flat();
          for (let k = 0; k < list.length; k += 2)
            if (String(list[k]).toLowerCase() === "age") hits[i].hit += 1;
        },
      })),
    });
    stop = true;
    await publisher;
    console.log(
      `Mixed run: ${seconds} s, ${connections} connections cycling through ${reads.length} reads; district ${publishing} published ${published} stations (one a second); p50 ${result.latency.p50} ms, ${result["2xx"]} answers, ${result.non2xx} not 2xx.\n`,
    );
    console.log("| read | answers | from the cache |\n|---|---|---|");
    for (const [i, read] of reads.entries())
      console.log(
        `| ${read.name} | ${hits[i].all} | ${((100 * hits[i].hit) / Math.max(1, hits[i].all)).toFixed(1)} % |`,
      );
    const all = hits.reduce((a, h) => ({ hit: a.hit + h.hit, all: a.all + h.all }), {
      hit: 0,
      all: 0,
    });
    console.log(`| all | ${all.all} | ${((100 * all.hit) / Math.max(1, all.all)).toFixed(1)} % |`);
  } finally {
    await removeBenchRows(fed).catch((error) => log(`could not remove the stations: ${error}`));
    await fed.stop();
  }
}

main().catch((error) => {
  console.error("[mixed] failed:", error);
  process.exit(1);
});
