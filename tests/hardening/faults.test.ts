// Faults over real processes: a subgraph killed during a stream of requests (partial answers with
// an error on the failed paths only, then full answers once it is started again, with no gateway
// restart), and a batch publish whose subgraph is killed mid-transaction (no partial batch).
import { contractOperation, send } from "../helpers/graphql";
import { bootProcesses, type ProcessFederation } from "../helpers/processes";

type Stories = {
  caseStories: {
    nodes: Array<{ id: string; title: string; district: unknown; stations: unknown[] }>;
  };
};
type Dashboard = {
  corpsStats: unknown;
  demandStats: unknown;
  districts: Array<Record<string, unknown>>;
};
type Count = { district: { stationCount: number } | null };
type Published = { publishStations: { created: number } };

let fed: ProcessFederation;
beforeAll(async () => {
  // No response cache: every read below must reach the subgraphs.
  fed = await bootProcesses({ RESPONSE_CACHE_TTL_SECONDS: "0" });
}, 180_000);
afterAll(() => fed?.stop());

const STORIES = contractOperation("CaseStories");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a subgraph killed and started again", () => {
  it("gives partial answers while it is down, full ones once it is back, without a gateway restart", async () => {
    const full = await send<Stories>(fed.gatewayUrl, { query: STORIES, variables: { first: 10 } });
    expect(full.errors).toBeUndefined();
    const withStations = full.data!.caseStories.nodes.filter((n) => n.stations.length > 0);
    expect(withStations.length).toBeGreaterThan(0);

    await fed.kill("districts");
    const partial = await send<Stories>(fed.gatewayUrl, {
      query: STORIES,
      variables: { first: 10 },
    });
    // The stories (publicity) still come back; only what districts owns is missing.
    expect(partial.status).toBe(200);
    expect(partial.data!.caseStories.nodes.map((n) => n.id)).toEqual(
      full.data!.caseStories.nodes.map((n) => n.id),
    );
    expect(partial.errors!.length).toBeGreaterThan(0);
    for (const node of partial.data!.caseStories.nodes) {
      expect(node.district).toBeNull();
      expect(node.stations.every((s: unknown) => s === null)).toBe(true);
    }
    for (const error of partial.errors!) {
      expect(error.extensions!.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).toMatch(/districts service is unavailable/);
      expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
    }
    const titles = partial.data!.caseStories.nodes.map((n) => n.title);
    expect(titles).toEqual(full.data!.caseStories.nodes.map((n) => n.title));

    const restarted = Date.now();
    await fed.start("districts");
    let recovered: number | null = null;
    for (let i = 0; i < 100 && recovered === null; i++) {
      const again = await send<Stories>(fed.gatewayUrl, {
        query: STORIES,
        variables: { first: 10 },
      });
      if (!again.errors) {
        expect(again.data).toEqual(full.data);
        recovered = Date.now() - restarted;
      } else await sleep(100);
    }
    expect(recovered).not.toBeNull();
    console.log(
      `districts answered through the same gateway ${recovered} ms after its restart began`,
    );
  }, 120_000);
});

describe("the dashboard while corps is down", () => {
  it("keeps every figure but corps', which are null with an error naming corps", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const variables = { from: "2026-01-01", to: "2026-06-30" };
    const query = contractOperation("CityDashboard");
    const full = await send<Dashboard>(fed.gatewayUrl, { query, variables, token });
    expect(full.errors).toBeUndefined();
    await fed.kill("corps");
    try {
      const partial = await send<Dashboard>(fed.gatewayUrl, { query, variables, token });
      expect(partial.status).toBe(200);
      expect(partial.errors!.every((e) => e.extensions!.serviceName === "corps")).toBe(true);
      expect(partial.data!.corpsStats).toBeNull();
      expect(partial.data!.demandStats).toEqual(full.data!.demandStats);
      for (const [i, row] of partial.data!.districts.entries()) {
        expect(row).toEqual({ ...full.data!.districts[i], volunteerCount: null });
      }
    } finally {
      await fed.start("corps");
    }
  }, 120_000);
});

describe("a batch publish whose subgraph is killed mid-transaction", () => {
  it("leaves no partial batch", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    // After a restart the gateway's breaker may still be open for a few seconds: ask until
    // districts answers again.
    const count = async () => {
      for (let i = 0; ; i++) {
        const answer = await send<Count>(fed.gatewayUrl, {
          query: `{ district(code: "440305") { stationCount } }`,
          token,
        });
        if (answer.data?.district) return answer.data.district.stationCount;
        if (i > 100) throw new Error(`districts does not answer: ${JSON.stringify(answer.errors)}`);
        await sleep(200);
      }
    };
    const rows = (prefix: string) =>
      Array.from({ length: 1000 }, (_, i) => ({
        externalId: `${prefix}-${i}`,
        name: `故障测试工作站${prefix}-${i}`,
        hostType: "SME_PARK",
        address: "深圳市南山区科技园",
        categories: ["POLICY"],
        contactName: "测试",
        contactPhone: "13800138000",
      }));
    let base = await count();
    const outcomes: string[] = [];
    for (const [round, delay] of [30, 120, 250].entries()) {
      const prefix = `KILL${round}`;
      const publish = send<Published>(fed.gatewayUrl, {
        query: contractOperation("PublishStations"),
        variables: { districtCode: "440305", stations: rows(prefix) },
        token,
      });
      await sleep(delay);
      await fed.kill("districts");
      const answer = await publish;
      outcomes.push(answer.errors ? "refused" : "written");
      await fed.start("districts");
      const after = await count();
      // All 1000 rows or none: never part of the batch.
      expect([base, base + 1000]).toContain(after);
      if (answer.data?.publishStations) expect(after).toBe(base + 1000);
      base = after;
    }
    console.log(`kill during 1000-row publishes: ${outcomes.join(", ")}`);
  }, 180_000);
});

describe("a subgraph stopped with SIGTERM", () => {
  it("finishes the request in flight before it exits", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440306" });
    const stations = Array.from({ length: 1000 }, (_, i) => ({
      externalId: `TERM-${i}`,
      name: `平稳停机测试站${i}`,
      hostType: "SME_PARK",
      address: "深圳市宝安区测试路1号",
      categories: ["MARKET"],
      contactName: "测试",
      contactPhone: "13800138000",
    }));
    const total = async () => {
      for (let i = 0; i < 100; i++) {
        const read = await send<Count>(fed.gatewayUrl, {
          query: `{ district(code: "440306") { stationCount } }`,
          token,
        });
        if (read.data?.district) return read.data.district.stationCount;
        await sleep(200);
      }
      throw new Error("districts does not answer");
    };
    const base = await total();
    const publish = send<Published>(fed.gatewayUrl, {
      query: contractOperation("PublishStations"),
      variables: { districtCode: "440306", stations },
      token,
    });
    await sleep(150);
    const stopped = fed.kill("districts", "SIGTERM");
    const answer = await publish;
    await stopped;
    // Either it was still arriving (refused whole) or it was in flight (written whole and
    // acknowledged): never cut off halfway, never acknowledged and lost.
    await fed.start("districts");
    const count = await total();
    expect([base, base + 1000]).toContain(count);
    if (answer.data?.publishStations) {
      expect(answer.data.publishStations.created).toBe(1000);
      expect(count).toBe(base + 1000);
    }
    console.log(`SIGTERM during a 1000-row publish: ${answer.errors ? "refused" : "written"}`);
  }, 120_000);
});
