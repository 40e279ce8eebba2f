// A database that stops answering (MariaDB behind a TCP proxy that cuts every connection): the
// subgraph's and the gateway's readiness turn red, a write is refused with SERVICE_UNAVAILABLE and
// a message a person can act on, nothing is half-written, and everything is green again once the
// database answers, without a restart. The embedded SQLite database is in the subgraph's own
// process and cannot stop answering on its own, so this runs against MySQL/MariaDB only.
import { bootFederation, usingMysql, type Federation } from "../helpers/federation";
import { contractOperation, send } from "../helpers/graphql";
import { tcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { loadConfig } from "../../runtime/config";

const describeOnMysql = usingMysql() ? describe : describe.skip;
if (!usingMysql())
  console.warn("database-down tests skipped: they need DATABASE_URL (MySQL/MariaDB)");

describeOnMysql("districts' database stops answering", () => {
  let fed: Federation;
  let proxy: TcpProxy;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    const server = new URL(loadConfig().databases.urls.districts!);
    proxy = await tcpProxy(server, "");
    const viaProxy = new URL(server.toString());
    viaProxy.host = new URL(proxy.url).host;
    viaProxy.pathname = `/hubdown_${process.pid}_${Date.now().toString(36)}_districts`;
    fed = await bootFederation({ env: { DISTRICTS_DATABASE_URL: viaProxy.toString() } });
  }, 180_000);
  afterAll(async () => {
    proxy?.setMode("pass");
    await fed?.stop();
    await proxy?.close();
  });

  const ready = async (url: string) =>
    (await fetch(url.replace(/\/graphql$/, "/health/ready"))).status;

  it("turns readiness red, refuses writes clearly with nothing written, and recovers", async () => {
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    const admin = await fed.token("CITY_ADMIN");
    const count = async () =>
      (
        await send<{ district: { stationCount: number } | null }>(fed.gatewayUrl, {
          query: `{ district(code: "440305") { stationCount } }`,
          token: admin,
        })
      ).data?.district?.stationCount;
    const publish = (prefix: string) =>
      send<{ publishStations: { created: number } }>(fed.gatewayUrl, {
        query: contractOperation("PublishStations"),
        token: operator,
        variables: {
          districtCode: "440305",
          stations: Array.from({ length: 20 }, (_, i) => ({
            externalId: `${prefix}-${i}`,
            name: `数据库故障测试站${i}`,
            hostType: "INCUBATOR",
            address: "深圳市南山区测试路1号",
            categories: ["POLICY"],
            contactName: "测试",
            contactPhone: "13800138000",
          })),
        },
      });
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect(await ready(fed.subgraphs.districts.url)).toBe(200);

    proxy.setMode("reset");
    expect(await ready(fed.subgraphs.districts.url)).toBe(503);
    expect(await ready(fed.gatewayUrl)).toBe(503);
    const refused = await publish("DOWN");
    expect(refused.status).toBeLessThan(500);
    expect(refused.errors![0].extensions!.code).toBe("SERVICE_UNAVAILABLE");
    expect(refused.errors![0].message).toBe(
      "the districts database is not answering right now; nothing was written, try again in a moment",
    );

    proxy.setMode("pass");
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = await ready(fed.subgraphs.districts.url);
      if (status !== 200) await sleep(200);
    }
    expect(status).toBe(200);
    expect(await ready(fed.gatewayUrl)).toBe(200);
    expect(await count()).toBe(before);
    const written = await publish("UP");
    expect(written.errors).toBeUndefined();
    expect(written.data!.publishStations.created).toBe(20);
    expect(await count()).toBe(before! + 20);
  }, 120_000);
});
