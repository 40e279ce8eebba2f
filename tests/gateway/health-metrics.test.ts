// Operations endpoints: /health/live, /health and /health/ready on the gateway and every subgraph
// (the gateway is ready when every subgraph is, and healthy without them), and /metrics in Prometheus format with requests by
// operation, errors by code, cache hits and SQL statements.
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, send } from "../helpers/graphql";
import { SUBGRAPHS } from "../../runtime/config";
import { lintMetrics, promtool } from "../helpers/prometheus-lint";

let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation({ env: { METRICS_TOKEN: "" } });
});
afterAll(() => fed?.stop());

const origin = (url: string) => url.replace(/\/graphql$/, "");
const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, text: await response.text() };
};

/** The value of one sample of a metric in Prometheus text, or undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith(`${name}{`) &&
        Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("health", () => {
  it("is live and ready on the gateway and every subgraph", async () => {
    for (const url of [fed.gatewayUrl, ...SUBGRAPHS.map((n) => fed.subgraphs[n].url)]) {
      expect((await get(`${origin(url)}/health/live`)).status).toBe(200);
      const ready = await get(`${origin(url)}/health/ready`);
      expect({ url, status: ready.status }).toEqual({ url, status: 200 });
    }
    const gateway = JSON.parse((await get(`${fed.gatewayOrigin}/health/ready`)).text);
    expect(Object.keys(gateway.subgraphs).sort()).toEqual([...SUBGRAPHS].sort());
  });
});

describe("metrics", () => {
  it("counts the gateway's requests by operation and errors by code", async () => {
    const viewer = await fed.token("DASHBOARD_VIEWER");
    await execute(fed.gatewayUrl, { query: "query MetricsProbe { __typename }", token: viewer });
    await send(fed.gatewayUrl, { query: "query MetricsProbe { nope }", token: viewer });
    const { status, text } = await get(`${fed.gatewayOrigin}/metrics`);
    expect(status).toBe(200);
    expect(
      sample(text, "hub_graphql_requests_total", { operation: "MetricsProbe", status: "200" }),
    ).toBe(1);
    expect(
      sample(text, "hub_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, "hub_graphql_request_duration_seconds_count", { operation: "MetricsProbe" }),
    ).toBe(1);
    expect(text).toContain("hub_process_resident_memory_bytes");
  });

  it("never makes an anonymous caller's operation name a label, at the gateway or a subgraph", async () => {
    // Anyone may send any name: only signed-in callers' names become labels (a bounded set).
    await send(fed.gatewayUrl, { query: "query AnonymousInvention { districts { code } }" });
    const bad = JSON.stringify({ query: "{ __typename }", operationName: "not a name!" });
    await fetch(fed.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: bad,
    });
    const gateway = (await get(`${fed.gatewayOrigin}/metrics`)).text;
    const districts = (await get(`${origin(fed.subgraphs.districts.url)}/metrics`)).text;
    for (const text of [gateway, districts]) {
      expect(text).not.toContain("not a name!");
      expect(text).not.toContain("AnonymousInvention");
      expect(
        sample(text, "hub_graphql_requests_total", { operation: "anonymous" }),
      ).toBeGreaterThan(0);
    }
    // A signed-in caller's name is a label at the subgraph too (as the gateway's plan names it).
    const viewer = await fed.token("DASHBOARD_VIEWER");
    await send(fed.gatewayUrl, {
      query: "query SignedInProbe { districts { code } }",
      token: viewer,
    });
    const after = (await get(`${origin(fed.subgraphs.districts.url)}/metrics`)).text;
    expect(after).toMatch(/operation="SignedInProbe__districts__\d+"/);
  });

  it("counts answers served from the response cache", async () => {
    const viewer = await fed.token("DASHBOARD_VIEWER", { sub: "cache-reader" });
    const read = `query CachedRead { demandStats(from: "2026-01-01", to: "2026-03-31") { total } }`;
    const hits = async () =>
      sample((await get(`${fed.gatewayOrigin}/metrics`)).text, "hub_response_cache_hits_total") ??
      0;
    const before = await hits();
    await execute(fed.gatewayUrl, { query: read, token: viewer });
    const second = await send(fed.gatewayUrl, { query: read, token: viewer });
    expect(second.headers.get("age")).not.toBeNull();
    expect(await hits()).toBe(before + 1);
  });

  it("counts each subgraph's SQL statements and requests", async () => {
    const admin = await fed.token("CITY_ADMIN");
    await execute(fed.gatewayUrl, { query: `{ district(code: "440305") { name } }`, token: admin });
    const { text } = await get(`${origin(fed.subgraphs.districts.url)}/metrics`);
    expect(sample(text, "hub_sql_statements_total")).toBeGreaterThan(0);
    expect(sample(text, "hub_graphql_requests_total", { server: "districts" })).toBeGreaterThan(0);
  });

  it("counts the entity fetches and the representations each carries, by subgraph", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const work = async () => {
      const { text } = await get(`${fed.gatewayOrigin}/metrics`);
      return {
        corps: sample(text, "hub_subgraph_representations_count", { subgraph: "corps" }) ?? 0,
        sum: sample(text, "hub_subgraph_representations_sum", { subgraph: "corps" }) ?? 0,
        districts:
          sample(text, "hub_subgraph_representations_count", { subgraph: "districts" }) ?? 0,
      };
    };
    const before = await work();
    // The district comes from districts; its volunteers' count from corps, by one representation.
    await execute(fed.gatewayUrl, {
      query: `query EntityWork { district(code: "440305") { name volunteerCount } }`,
      token: admin,
    });
    const after = await work();
    expect(after.corps - before.corps).toBe(1);
    expect(after.sum - before.sum).toBe(1);
    // districts answered the root field: no entity fetch went to it.
    expect(after.districts - before.districts).toBe(0);
  });
});

describe("the exposition format", () => {
  const hasPromtool = promtool("") !== null;

  it("passes the naming rules of promtool check metrics on all five servers", async () => {
    if (!hasPromtool)
      console.warn(
        "promtool is not installed: /metrics checked by lintMetrics only (apt prometheus)",
      );
    // Traffic first, so that every labelled series exists: each subgraph answers a signed-in
    // caller (through the gateway) and the gateway meets an error.
    const admin = await fed.token("CITY_ADMIN");
    const everywhere = `query FormatProbe {
      districts { code } branches { id } platform(id: "1") { id } caseStory(id: "1") { id }
    }`;
    expect((await send(fed.gatewayUrl, { query: everywhere, token: admin })).status).toBe(200);
    await send(fed.gatewayUrl, { query: "{ nope }", token: admin });
    const servers = {
      gateway: fed.gatewayUrl,
      ...Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url])),
    };
    const problems: Record<string, { lint: string[]; promtool: string[] | null }> = {};
    for (const [server, url] of Object.entries(servers)) {
      const { status, text } = await get(`${origin(url)}/metrics`);
      expect({ server, status }).toEqual({ server, status: 200 });
      expect(text).toContain("hub_graphql_request_duration_seconds_bucket");
      problems[server] = { lint: lintMetrics(text), promtool: hasPromtool ? promtool(text) : null };
    }
    const clean = { lint: [], promtool: hasPromtool ? [] : null };
    expect(problems).toEqual(Object.fromEntries(Object.keys(servers).map((s) => [s, clean])));
  });
});

describe("metrics in production", () => {
  const TOKEN = "scraper-secret-0123456789";
  let guarded: Federation;
  beforeAll(async () => {
    guarded = await bootFederation({ env: { NODE_ENV: "production", METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => guarded?.stop());

  it("answers only a scraper with METRICS_TOKEN, on all five servers", async () => {
    const origins = [
      guarded.gatewayOrigin,
      ...SUBGRAPHS.map((n) => origin(guarded.subgraphs[n].url)),
    ];
    for (const at of origins) {
      const refused = [
        await get(`${at}/metrics`),
        await get(`${at}/metrics`, { authorization: `Bearer ${TOKEN}x` }),
        await get(`${at}/metrics`, { authorization: `Basic ${TOKEN}` }),
      ];
      expect({ at, statuses: refused.map((r) => r.status) }).toEqual({
        at,
        statuses: [401, 401, 401],
      });
      expect(JSON.parse(refused[0].text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(refused[0].text).not.toContain("hub_");
      const scraped = await get(`${at}/metrics`, { authorization: `Bearer ${TOKEN}` });
      expect({ at, status: scraped.status }).toEqual({ at, status: 200 });
      expect(scraped.text).toContain("hub_process_cpu_seconds_total");
    }
  });
});

describe("readiness when a subgraph stops", () => {
  it("turns the gateway's readiness red, naming it, while it stays live and healthy", async () => {
    await fed.subgraphs.platforms.stop();
    const ready = await get(`${fed.gatewayOrigin}/health/ready`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text).reason).toMatch(/platforms/);
    expect((await get(`${fed.gatewayOrigin}/health/live`)).status).toBe(200);
    // /health checks only what the gateway itself owns, never another service: a balancer or
    // orchestrator watching it keeps every replica, which still answers the other subgraphs' fields.
    const health = await get(`${fed.gatewayOrigin}/health`);
    expect({ status: health.status, body: JSON.parse(health.text) }).toEqual({
      status: 200,
      body: { status: "ok" },
    });
    // A subgraph's /health is its own database: the others stay healthy.
    expect((await get(`${origin(fed.subgraphs.corps.url)}/health`)).status).toBe(200);
  });
});
