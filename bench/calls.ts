// The subgraph calls each gateway sends for one request of a scenario, side by side: our gateway
// and the peers each get a logging proxy in front of every subgraph, and the script prints each
// call (subgraph, bytes, the `_entities` fields with their representations sent and distinct,
// and with --text the operation and its headers). Then, if asked:
// - --timeline N: N requests one at a time, when each call left the gateway and came back;
// - --requests N [--connections C] [--rounds R]: the subgraphs' CPU per request behind each
//   gateway (the same subgraph processes), N requests a round, every one of them finished inside
//   the measurement.
// node dist/bench/calls.js --scenario CityDashboard [--gateways hub,hive-rust-nodedup] [--text]
// (--gateways may name hub-apollo: our gateway with GATEWAY_EXECUTOR=apollo, Apollo's executor.)
// (DATABASE_URL at the data set, as npm run bench reads it; `npm run build` first).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { SUBGRAPHS, type SubgraphName } from "../runtime/config";
import { configOrExit } from "../tools/cli";
import { freePort } from "../tools/start-checks";
import { discoverFixture, post } from "./counts";
import { GATEWAYS, startBenchFederation, type GatewayName } from "./federation";
import { ensureBenchPackages } from "./peers";
import { cpuSeconds, startProcess, type Proc } from "./processes";
import { SCENARIOS } from "./scenarios";

const { values: flags } = parseArgs({
  options: {
    scenario: { type: "string" },
    gateways: { type: "string" },
    text: { type: "boolean" },
    requests: { type: "string" },
    connections: { type: "string" },
    rounds: { type: "string" },
    timeline: { type: "string" },
  },
});

interface Call {
  subgraph: SubgraphName;
  body: string;
  headers: http.IncomingHttpHeaders;
  answerBytes: number;
  /** When the proxy had the whole call, and when the subgraph's whole answer (performance.now). */
  sent: number;
  answered: number;
}

/** Connections each gateway opened to each subgraph's proxy (reconnects cost the subgraph). */
const opened = new Map<string, number>();

/** A proxy in front of one subgraph that records each call's body. */
async function loggingProxy(
  gateway: string,
  subgraph: SubgraphName,
  target: string,
  calls: Call[],
) {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const call: Call = {
        subgraph,
        body: body.toString(),
        headers: req.headers,
        answerBytes: 0,
        sent: performance.now(),
        answered: 0,
      };
      if (req.method === "POST") calls.push(call);
      const out = http.request(
        {
          host: to.hostname,
          port: to.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on("data", (c: Buffer) => (call.answerBytes += c.length));
          answer.on("end", () => (call.answered = performance.now()));
          answer.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      out.end(body);
    });
  });
  const key = `${gateway} ${subgraph}`;
  server.on("connection", () => opened.set(key, (opened.get(key) ?? 0) + 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname}`,
  };
}

/** Each `_entities` field of a call: its alias, representations sent and distinct. */
function entityFields(body: string) {
  const parsed = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  const fields: string[] = [];
  const pattern = /(?:(\w+)\s*:\s*)?_entities\s*\(\s*representations\s*:\s*\$(\w+)/g;
  for (const m of parsed.query.matchAll(pattern)) {
    const reps = (parsed.variables?.[m[2]] ?? []) as unknown[];
    const distinct = new Set(reps.map((r) => JSON.stringify(r))).size;
    const types = [...new Set(reps.map((r) => (r as { __typename: string }).__typename))];
    fields.push(`${m[1] ?? "_entities"} ${types.join("/")} ${reps.length}/${distinct}`);
  }
  return { fields, query: parsed.query, variables: Object.keys(parsed.variables ?? {}) };
}

/**
 * The subgraphs' CPU per request behind each gateway (the same subgraph processes), the gateways
 * taking turns round by round: --requests N at --connections C, --rounds R.
 */
async function measure(
  pids: Record<string, number>,
  senders: Array<{ name: string; pid: number; send: () => Promise<unknown> }>,
) {
  const requests = Number(flags.requests);
  const connections = Number(flags.connections ?? 1);
  const rounds = Number(flags.rounds ?? 3);
  const subgraphCpu = () => SUBGRAPHS.map((n) => cpuSeconds(pids[n]));
  for (let round = 0; round < rounds; round++) {
    for (const sender of round % 2 ? [...senders].reverse() : senders) {
      const before = subgraphCpu();
      const gatewayBefore = cpuSeconds(sender.pid);
      const openedBefore = new Map(opened);
      const latencies: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (next++ < requests) {
            const t = performance.now();
            await sender.send();
            latencies.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const after = subgraphCpu();
      const gateway = ((cpuSeconds(sender.pid) - gatewayBefore) * 1000) / requests;
      const per = SUBGRAPHS.map((n, i) => ((after[i] - before[i]) * 1000) / requests);
      latencies.sort((a, b) => a - b);
      console.log(
        `round ${round + 1} ${sender.name}: gateway ${gateway.toFixed(2)} CPU-ms/req, subgraphs ${per.reduce((a, b) => a + b, 0).toFixed(2)} ` +
          `CPU-ms/req (${SUBGRAPHS.map((n, i) => `${n} ${per[i].toFixed(2)}`).join(", ")}); ` +
          `p50 ${latencies[latencies.length >> 1].toFixed(1)} ms; ${(requests / seconds).toFixed(1)} req/s; ` +
          `connections opened ${SUBGRAPHS.map((n) => {
            const key = `${sender.name} ${n}`;
            return `${n} ${(opened.get(key) ?? 0) - (openedBefore.get(key) ?? 0)}`;
          }).join(", ")}`,
      );
    }
  }
}

/** Our gateway as the benchmark starts it, and its variants this script knows besides. */
const HUBS: Record<string, Record<string, string>> = {
  hub: {},
  "hub-defaults": {},
  "hub-apollo": { GATEWAY_EXECUTOR: "apollo" },
};

async function main() {
  const scenario = SCENARIOS.find((s) => s.name === (flags.scenario ?? "CityDashboard"));
  if (!scenario) throw new Error(`no scenario ${flags.scenario}`);
  const chosen = (flags.gateways ?? "hub,hive-rust-nodedup").split(",") as GatewayName[];
  for (const name of chosen)
    if (!GATEWAYS.includes(name) && !(name in HUBS)) throw new Error(`no gateway ${name}`);
  const log = (line: string) => console.error(`[calls] ${line}`);
  const config = configOrExit();
  ensureBenchPackages(log);
  const fed = await startBenchFederation({
    databaseUrls: config.databases.urls,
    gateways: ["hub"],
    log,
  });
  const extra: Proc[] = [];
  const senders: Array<{ name: string; pid: number; send: () => Promise<unknown> }> = [];
  const servers: http.Server[] = [];
  try {
    // The scenarios' variables (Volunteer's id, DistrictStations' district) from the data set.
    const fixture = await discoverFixture(fed);
    for (const name of chosen) {
      const calls: Call[] = [];
      const urls = {} as Record<SubgraphName, string>;
      for (const subgraph of SUBGRAPHS) {
        const proxy = await loggingProxy(
          name,
          subgraph,
          fed.config.servers.subgraphUrls[subgraph],
          calls,
        );
        servers.push(proxy.server);
        urls[subgraph] = proxy.url;
      }
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const proc =
        name in HUBS
          ? await startProcess(
              name,
              "tools/run-gateway.js",
              [],
              {
                ...fed.env,
                RESPONSE_CACHE_TTL_SECONDS: "0",
                GATEWAY_DEDUP: "0",
                ...HUBS[name],
                PORT: String(port),
                ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, urls[n]])),
              },
              `${origin}/graphql`,
              `${origin}/health/ready`,
            )
          : await startProcess(
              name,
              name === "stock"
                ? "bench/targets/stock-gateway.js"
                : `${__dirname}/../../bench/targets/hive-gateway.cjs`,
              [
                String(port),
                JSON.stringify(urls),
                ...(name === "stock" ? [] : [name.includes("nodedup") ? "off" : "on"]),
                ...(name.includes("rust") ? ["rust"] : name === "stock" ? [] : ["js"]),
              ],
              fed.env,
              `${origin}/graphql`,
              name === "stock" ? /stock gateway ready/ : `${origin}/healthcheck`,
            );
      extra.push(proc);
      // The scenarios' callers that need no fixture (no publishing district).
      const caller = scenario.caller ? { sub: "bench-calls", role: scenario.caller.role } : null;
      const headers = await fed.headers(caller, (name as string) === "hub-apollo" ? "hub" : name);
      const body = { query: scenario.query, variables: scenario.variables(fixture) };
      await post(`${origin}/graphql`, headers, body); // warm: the plan, the pools
      calls.length = 0;
      const answer = await post(`${origin}/graphql`, headers, body);
      senders.push({
        name,
        pid: proc.child.pid!,
        send: () => post(`${origin}/graphql`, headers, body),
      });
      if (flags.timeline) {
        // One request at a time: when each call left the gateway and came back, from the client's
        // send (medians over the requests), and the client's whole wait.
        const spans = new Map<string, { sent: number[]; answered: number[] }>();
        const totals: number[] = [];
        for (let i = 0; i < Number(flags.timeline); i++) {
          calls.length = 0;
          const t0 = performance.now();
          await post(`${origin}/graphql`, headers, body);
          totals.push(performance.now() - t0);
          for (const c of calls) {
            const key = `${c.subgraph} ${c.body.includes("_entities") ? "entities" : "root"}`;
            const span = spans.get(key) ?? { sent: [], answered: [] };
            span.sent.push(c.sent - t0);
            span.answered.push(c.answered - t0);
            spans.set(key, span);
          }
        }
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
        console.log(`timeline ${name}: whole request p50 ${med(totals)} ms`);
        for (const [key, span] of spans)
          console.log(`  ${key}: sent at ${med(span.sent)}, answered at ${med(span.answered)} ms`);
      }
      console.log(`\n## ${name}: ${calls.length} calls, errors ${answer.json.errors?.length ?? 0}`);
      for (const call of calls) {
        const e = entityFields(call.body);
        console.log(
          `- ${call.subgraph}: ${call.body.length} bytes out, ${call.answerBytes} in; ` +
            `variables ${e.variables.join(",")}; ${e.fields.join("; ") || "root"}`,
        );
        if (flags.text) {
          console.log(`    ${e.query.replace(/\s+/g, " ")}`);
          const shown = Object.entries(call.headers).map(
            ([k, v]) => `${k}: ${String(v).slice(0, 40)}`,
          );
          console.log(`    headers ${shown.join(" | ")}`);
        }
      }
    }
    if (flags.requests) await measure(fed.pids(), senders);
  } finally {
    await Promise.all(extra.map((p) => p.stop()));
    for (const s of servers) s.close();
    await fed.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
