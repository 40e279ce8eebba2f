// The Idempotency-Key plugin (gateway/plugins/idempotency.ts), over the real federation: the same
// key and request get the first answer and write nothing more; another request under the key is
// 422 IDEMPOTENCY_KEY_REUSED; a key still running is 409 IDEMPOTENCY_KEY_IN_USE; keys belong to
// their caller; an answer the gateway could not get (OUTCOME_UNKNOWN) is kept too, since the write
// may land after all, and does here; with REDIS_URL every replica sees the same keys.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { startGateway } from "../../gateway";
import { loadConfigWith, SUBGRAPHS, type Env } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, send } from "../helpers/graphql";
import { tcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

const DISTRICT = "440306";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = createLogger(
  "gateway",
  { level: "silent" },
  new Writable({ write: (_c, _e, done) => done() }),
);

let fed: Federation;
const gateways: RunningServer[] = [];
beforeAll(async () => {
  fed = await bootFederation({ env: { RESPONSE_CACHE_TTL_SECONDS: "0" } });
}, 120_000);
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await fed?.stop();
});

/** Another gateway in front of the same subgraphs (districts' address may be replaced). */
async function gateway(env: Env, districts?: string): Promise<string> {
  const config = loadConfigWith({
    JWT_SECRET: fed.config.auth.jwtSecret,
    RESPONSE_CACHE_TTL_SECONDS: "0",
    RATE_LIMIT_PER_MINUTE: "0",
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: "0",
    REDIS_URL: "",
    ...env,
  });
  const urls = Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url]));
  const started = await startGateway(config, {
    port: 0,
    log: quiet,
    subgraphUrls: { ...urls, ...(districts ? { districts } : {}) },
  });
  gateways.push(started);
  return started.url;
}

const stations = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    name: `幂等测试站${prefix}-${i}`,
    hostType: "SME_PARK",
    address: "深圳市宝安区测试路2号",
    categories: ["MARKET"],
    contactName: "测试",
    contactPhone: "13800138000",
  }));

async function publish(url: string, prefix: string, key: string, subject = "operator-a") {
  return send<{ publishStations: { created: number } }>(url, {
    query: contractOperation("PublishStations"),
    token: await fed.token("DISTRICT_OPERATOR", { district: DISTRICT, sub: subject }),
    variables: { districtCode: DISTRICT, stations: stations(prefix, 10) },
    headers: { "idempotency-key": key },
  });
}

async function count(): Promise<number> {
  const answer = await send<{ district: { stationCount: number } }>(fed.gatewayUrl, {
    query: `{ district(code: "${DISTRICT}") { stationCount } }`,
    token: await fed.token("CITY_ADMIN"),
  });
  return answer.data!.district.stationCount;
}

describe("one gateway, keys in memory", () => {
  it("answers the same key and request with the first answer, and writes once", async () => {
    const before = await count();
    const key = randomUUID();
    const first = await publish(fed.gatewayUrl, "SAME", key);
    expect(first.data!.publishStations).toMatchObject({ created: 10 });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const sql = fed.subgraphs.districts.queryCount();
    const again = await publish(fed.gatewayUrl, "SAME", key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.data).toEqual(first.data);
    // Not even asked: districts sent no statement for the second request.
    expect(fed.subgraphs.districts.queryCount()).toBe(sql);
    expect(await count()).toBe(before + 10);
  });

  it("refuses another request under a used key, and answers a definitive refusal again", async () => {
    const key = randomUUID();
    const refused = await send(fed.gatewayUrl, {
      query: contractOperation("PublishStations"),
      token: await fed.token("DISTRICT_OPERATOR", { district: DISTRICT, sub: "operator-a" }),
      variables: { districtCode: "999999", stations: stations("BAD", 1) },
      headers: { "idempotency-key": key },
    });
    // An operator of another district: refused for good, which the key answers again.
    expect(refused.errors![0].extensions!.code).toBe("FORBIDDEN");
    const again = await send(fed.gatewayUrl, {
      query: contractOperation("PublishStations"),
      token: await fed.token("DISTRICT_OPERATOR", { district: DISTRICT, sub: "operator-a" }),
      variables: { districtCode: "999999", stations: stations("BAD", 1) },
      headers: { "idempotency-key": key },
    });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.errors![0].message).toBe(refused.errors![0].message);
    const before = await count();
    const other = await publish(fed.gatewayUrl, "OTHERBODY", key);
    expect(other.status).toBe(422);
    expect(other.errors![0].extensions!.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(other.errors![0].message).toMatch(/use a new key/);
    expect(await count()).toBe(before);
  });

  it("keeps keys per caller: another caller's same key is another request", async () => {
    const before = await count();
    const key = randomUUID();
    const mine = await publish(fed.gatewayUrl, "MINE", key, "operator-a");
    const theirs = await publish(fed.gatewayUrl, "THEIRS", key, "operator-b");
    expect(mine.data!.publishStations.created).toBe(10);
    expect(theirs.data!.publishStations.created).toBe(10);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await count()).toBe(before + 20);
  });

  it("takes the draft's quoted form and the bare form alike, and refuses malformed keys", async () => {
    const key = randomUUID();
    const quoted = await publish(fed.gatewayUrl, "QUOTED", `"${key}"`);
    expect(quoted.data!.publishStations.created).toBe(10);
    const bare = await publish(fed.gatewayUrl, "QUOTED", key);
    expect(bare.headers.get("idempotent-replayed")).toBe("true");
    for (const bad of ["x".repeat(256), "tab\there", "caf\u00e9"]) {
      const refused = await publish(fed.gatewayUrl, "MALFORMED", bad);
      expect(refused.status).toBe(400);
      expect(refused.errors![0].extensions!.code).toBe("BAD_REQUEST");
      expect(refused.errors![0].message).toMatch(/Idempotency-Key must be 1 to 255 printable/);
    }
  });

  it("ignores the key on queries", async () => {
    const key = randomUUID();
    const read = () =>
      send(fed.gatewayUrl, {
        query: `{ district(code: "${DISTRICT}") { code } }`,
        headers: { "idempotency-key": key },
      });
    await read();
    const again = await read();
    expect(again.errors).toBeUndefined();
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("districts behind a proxy that freezes", () => {
  let proxy: TcpProxy;
  let url: string;
  beforeAll(async () => {
    proxy = await tcpProxy(new URL(fed.subgraphs.districts.url));
    url = await gateway({ DISTRICTS_TIMEOUT_MS: "1500", SUBGRAPH_RETRIES: "0" }, proxy.url);
  });
  afterAll(() => proxy?.close());

  it("answers 409 to the same key while the first request runs, then its answer", async () => {
    const before = await count();
    const key = randomUUID();
    proxy.setMode("freeze");
    const first = publish(url, "INFLIGHT", key);
    await sleep(300);
    const duplicate = await publish(url, "INFLIGHT", key);
    expect(duplicate.status).toBe(409);
    expect(duplicate.errors![0].extensions!.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    proxy.setMode("pass");
    const answer = await first;
    expect(answer.data!.publishStations.created).toBe(10);
    const again = await publish(url, "INFLIGHT", key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(before + 10);
  });

  it("keeps an unknown outcome: the write lands after the gateway gave up, and is not repeated", async () => {
    const before = await count();
    const key = randomUUID();
    proxy.setMode("freeze");
    let unknown;
    try {
      unknown = await publish(url, "LATE", key);
    } finally {
      // Districts gets the request the gateway gave up on, and writes it.
      proxy.setMode("pass");
    }
    expect(unknown.status).toBe(504);
    expect(unknown.errors![0].extensions!.code).toBe("OUTCOME_UNKNOWN");
    let after = await count();
    for (let i = 0; i < 20 && after === before; i++) {
      await sleep(100);
      after = await count();
    }
    expect(after).toBe(before + 10);
    const again = await publish(url, "LATE", key);
    expect(again.status).toBe(504);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.errors![0].extensions!.code).toBe("OUTCOME_UNKNOWN");
    expect(await count()).toBe(before + 10);
  });
});

describe("two gateways sharing Redis", () => {
  it("answers a key used at one replica from the other", async () => {
    const env = { REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: `idem-${randomUUID()}` };
    const [one, two] = [await gateway(env), await gateway(env)];
    const before = await count();
    const key = randomUUID();
    const first = await publish(one, "REPLICA", key);
    expect(first.data!.publishStations.created).toBe(10);
    const again = await publish(two, "REPLICA", key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.data).toEqual(first.data);
    const other = await publish(two, "REPLICA2", key);
    expect(other.errors![0].extensions!.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await count()).toBe(before + 10);
  });
});

describe("a mutation whose later root field's subgraph is down", () => {
  it("keeps the answer when an earlier root field wrote: a retry under the key does not write again", async () => {
    // Districts refuses connections (nothing sent to it: SERVICE_UNAVAILABLE), but the first root
    // field, publicity's draft, was written before the plan reached it.
    const url = await gateway({}, "http://127.0.0.1:1/graphql");
    const title = `幂等两字段${process.pid}-${Date.now() % 100_000}`;
    const activity = fed.demo.activities.find((a) => a.stationId !== null)!;
    const request = {
      query: `mutation Two($input: CaseStoryInput!, $d: ID!, $s: [StationInput!]!) {
        a: draftStory(input: $input) { id }
        b: publishStations(districtCode: $d, stations: $s) { created }
      }`,
      variables: {
        input: {
          title,
          summary: "两个根字段，后一个的子图不可达。",
          body: "正文。",
          categories: ["FINANCING"],
          districtCode: activity.districtCode,
          volunteerIds: [],
          stationIds: [String(activity.stationId)],
          platformIds: [],
          activityIds: [String(activity.id)],
        },
        d: DISTRICT,
        s: stations("two-fields", 1),
      },
      token: await fed.token("CITY_ADMIN"),
      headers: { "idempotency-key": randomUUID() },
    };
    const drafts = async () => {
      const rows = await fed.subgraphs.publicity.db.query<Array<{ n: number | string }>>(
        "SELECT COUNT(*) AS n FROM case_story WHERE title = ?",
        [title],
      );
      return Number(rows[0].n);
    };
    const first = await send(url, request);
    expect(first.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(await drafts()).toBe(1);
    await send(url, request);
    expect(await drafts()).toBe(1);
  });
});
