// The gateway's response cache of dashboard reads: a repeated read is served from the cache, a
// publish through the gateway is visible in the very next read, scopes never share answers,
// anonymous answers are never cached, and with REDIS_URL two gateway replicas share entries and
// invalidations.
import { startGateway } from "../../gateway";
import type { RunningServer } from "../../runtime/http/server";
import { daysFromToday, today } from "../../runtime/dates";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import { SUBGRAPHS } from "../../runtime/config";
import { createLogger } from "../../runtime/log";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send } from "../helpers/graphql";

const DASHBOARD = contractOperation("CityDashboard");
const range = { from: daysFromToday(-365), to: today() };

let serial = 0;
/** Publishes one new OPEN demand at a filed demo station of `district`, collected today. */
async function publishDemand(fed: Federation, gatewayUrl: string, district: string) {
  serial += 1;
  const station = fed.demo.stations.find(
    (s) => s.districtCode === district && s.status === "FILED",
  )!;
  const body = `91440300MA5RC${String(serial).padStart(4, "0")}`;
  const data = await execute(gatewayUrl, {
    query: contractOperation("PublishDemands"),
    token: await fed.token("CITY_ADMIN"),
    variables: {
      districtCode: district,
      demands: [
        {
          externalId: `CACHE-${process.pid}-${serial}`,
          stationExternalId: station.externalId,
          enterpriseName: `深圳市缓存测试企业${serial}`,
          creditCode: body + creditCodeCheckChar(body),
          category: "MARKET",
          specialised: false,
          description: "测试",
          collectedOn: today(),
        },
      ],
    },
  });
  expect(data.publishDemands).toMatchObject({ created: 1, rejected: [] });
}

async function read(gatewayUrl: string, token?: string) {
  const response = await send(gatewayUrl, { query: DASHBOARD, variables: range, token });
  return { response, hit: response.headers.get("age") !== null };
}

describe("in memory", () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await bootFederation();
  });
  afterAll(() => fed?.stop());

  it("answers a repeated dashboard read from the cache", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const first = await read(fed.gatewayUrl, token);
    expect(first.response.errors).toBeUndefined();
    expect(first.hit).toBe(false);
    expect(first.response.headers.get("cache-control")).toMatch(/max-age=\d+, private/);
    const before = fed.sqlCount();
    const second = await read(fed.gatewayUrl, token);
    expect(second.hit).toBe(true);
    expect(fed.sqlCount()).toBe(before);
    expect(second.response.data).toEqual(first.response.data);
  });

  it("keeps its entries across a mutation that was refused and changed nothing", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    await read(fed.gatewayUrl, token);
    expect((await read(fed.gatewayUrl, token)).hit).toBe(true);
    const refused = await send(fed.gatewayUrl, {
      query: `mutation { reviewStation(id: "1", decision: ACCEPT) { id } }`,
    });
    expect(refused.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect((await read(fed.gatewayUrl, token)).hit).toBe(true);
  });

  it("shows a publish in the very next read, for the city and for the district", async () => {
    const viewer = await fed.token("DASHBOARD_VIEWER");
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440307" });
    await read(fed.gatewayUrl, viewer);
    const cityBefore = await read(fed.gatewayUrl, viewer);
    await read(fed.gatewayUrl, operator);
    const districtBefore = await read(fed.gatewayUrl, operator);
    expect([cityBefore.hit, districtBefore.hit]).toEqual([true, true]);
    await publishDemand(fed, fed.gatewayUrl, "440307");
    const city = await read(fed.gatewayUrl, viewer);
    const district = await read(fed.gatewayUrl, operator);
    expect([city.hit, district.hit]).toEqual([false, false]);
    expect(city.response.data!.demandStats.total).toBe(
      cityBefore.response.data!.demandStats.total + 1,
    );
    expect(district.response.data!.demandStats.total).toBe(
      districtBefore.response.data!.demandStats.total + 1,
    );
    const row = (r: typeof city) =>
      r.response.data!.districts.find((d: any) => d.code === "440307").openDemandCount;
    expect(row(city)).toBe(row(cityBefore) + 1);
  });

  it("keeps another district's cached answers across a publish elsewhere", async () => {
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440303" });
    await read(fed.gatewayUrl, operator);
    await publishDemand(fed, fed.gatewayUrl, "440307");
    expect((await read(fed.gatewayUrl, operator)).hit).toBe(true);
  });

  it("keeps the anonymous story pages cached across a district's publish", async () => {
    const stories = {
      query: `query { caseStories(first: 5) { totalCount nodes { id title district { code } } } }`,
    };
    const first = await send(fed.gatewayUrl, stories);
    expect(first.headers.get("cache-control")).toMatch(/public/);
    expect((await send(fed.gatewayUrl, stories)).headers.get("age")).not.toBeNull();
    await publishDemand(fed, fed.gatewayUrl, "440307");
    const after = await send(fed.gatewayUrl, stories);
    expect(after.headers.get("age")).not.toBeNull();
    expect(after.data).toEqual(first.data);
    // The city's dashboard did move: the same publish is in its very next read.
    const viewer = await fed.token("DASHBOARD_VIEWER");
    await read(fed.gatewayUrl, viewer);
    await publishDemand(fed, fed.gatewayUrl, "440307");
    expect((await read(fed.gatewayUrl, viewer)).hit).toBe(false);
  });

  it("never serves one scope's answer to another", async () => {
    const viewer = await fed.token("DASHBOARD_VIEWER");
    await read(fed.gatewayUrl, viewer);
    expect((await read(fed.gatewayUrl, viewer)).hit).toBe(true);
    const editor = await read(fed.gatewayUrl, await fed.token("PUBLICITY_EDITOR"));
    expect(editor.hit).toBe(false);
    expect(editor.response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const operator = await read(
      fed.gatewayUrl,
      await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
    );
    expect(operator.hit).toBe(false);
    expect(operator.response.data!.districts).toHaveLength(1);
    const anonymous = await read(fed.gatewayUrl);
    expect(anonymous.hit).toBe(false);
    expect(anonymous.response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("does not cache reads that are not aggregates only", async () => {
    const token = await fed.token("CITY_ADMIN");
    const query = contractOperation("DistrictStations");
    const variables = { districtCode: "440305", first: 5 };
    await send(fed.gatewayUrl, { query, variables, token });
    const again = await send(fed.gatewayUrl, { query, variables, token });
    expect(again.headers.get("age")).toBeNull();
  });
});

describe("with Redis, shared by two gateway replicas", () => {
  let fed: Federation;
  let second: RunningServer;
  beforeAll(async () => {
    fed = await bootFederation({ env: { REDIS_URL: "redis://127.0.0.1:6379" } });
    second = await startGateway(fed.config, {
      port: 0,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url])),
      log: createLogger("gateway-2", { level: "silent" }),
    });
  });
  afterAll(async () => {
    await second?.stop();
    await fed?.stop();
  });

  it("serves one replica's entry from the other, and invalidates both at once", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const filled = await read(fed.gatewayUrl, token);
    expect(filled.hit).toBe(false);
    const shared = await read(second.url, token);
    expect(shared.hit).toBe(true);
    await publishDemand(fed, fed.gatewayUrl, "440306");
    const fresh = await read(second.url, token);
    expect(fresh.hit).toBe(false);
    expect(fresh.response.data!.demandStats.total).toBe(
      filled.response.data!.demandStats.total + 1,
    );
  });
});
