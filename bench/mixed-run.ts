// The mixed run: the response cache while a district publishes. Our gateway at its defaults (cache
// and dedup on) serves readers of the city's dashboard, of another district's dashboard (its
// operator), of an anonymous story page and of the anonymous CaseStories, while one district
// publishes a new station every second; each read's share of answers served from the cache (`Age`
// header). Run alone by mixed.ts, and by `npm run bench` for its report (docs/performance.md).
import { post } from "./counts";
import type { BenchFederation } from "./federation";
import { benchRequire } from "./peers";
import { contractOperation, dashboardRange, stationRows } from "./scenarios";

type Autocannon = (options: Record<string, unknown>) => Promise<{
  latency: { p50: number };
  "2xx": number;
  non2xx: number;
}>;

export interface MixedResult {
  seconds: number;
  connections: number;
  publishing: string;
  published: number;
  p50: number;
  answers: number;
  non2xx: number;
  reads: Array<{ name: string; answers: number; hits: number }>;
}

export async function runMixed(
  fed: BenchFederation,
  { seconds, connections }: { seconds: number; connections: number },
): Promise<MixedResult> {
  const url = fed.gateways["hub-defaults"]!.url;
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
      headers: await fed.headers({ sub: "bench-viewer", role: "DASHBOARD_VIEWER" }, "hub-defaults"),
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
  const hits = reads.map(() => ({ hits: 0, answers: 0 }));
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
        hits[i].answers += 1;
        const list = Array.isArray(headers) ? headers : Object.entries(headers ?? {}).flat();
        for (let k = 0; k < list.length; k += 2)
          if (String(list[k]).toLowerCase() === "age") hits[i].hits += 1;
      },
    })),
  });
  stop = true;
  await publisher;
  return {
    seconds,
    connections,
    publishing,
    published,
    p50: result.latency.p50,
    answers: result["2xx"],
    non2xx: result.non2xx,
    reads: reads.map((read, i) => ({ name: read.name, ...hits[i] })),
  };
}

const share = (hits: number, answers: number) =>
  `${((100 * hits) / Math.max(1, answers)).toFixed(1)} %`;

/** The run as Markdown: what ran, then each read's answers and share from the cache. */
export function mixedMarkdown(r: MixedResult): string[] {
  const all = r.reads.reduce(
    (a, h) => ({ hits: a.hits + h.hits, answers: a.answers + h.answers }),
    {
      hits: 0,
      answers: 0,
    },
  );
  return [
    `Mixed run: ${r.seconds} s, ${r.connections} connections cycling through ${r.reads.length} reads; district ${r.publishing} published ${r.published} stations (one a second); p50 ${r.p50} ms, ${r.answers} answers, ${r.non2xx} not 2xx.`,
    "",
    "| read | answers | from the cache |",
    "|---|---|---|",
    ...r.reads.map(
      (read) => `| ${read.name} | ${read.answers} | ${share(read.hits, read.answers)} |`,
    ),
    `| all | ${all.answers} | ${share(all.hits, all.answers)} |`,
  ];
}
