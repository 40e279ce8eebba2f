// What the gateway keeps in Redis (issue 25, item 10): it connects with a password and over TLS,
// and it serves no cached answer it did not sign itself, so that a write to Redis cannot change
// what callers are told. Each Redis here is a server of the test's own (tests/helpers/redis-server).
import fs from "node:fs";
import { Writable } from "node:stream";
import Redis from "ioredis";
import { startGateway } from "../../gateway";
import { SUBGRAPHS, type HubConfig } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { bootFederation, type Federation } from "../helpers/federation";
import { send } from "../helpers/graphql";
import { startRedis, type TestRedis } from "../helpers/redis-server";

const PASSWORD = "redis-pass-for-the-test-0123";
const STORIES = "query PublicStories { caseStories(first: 3) { totalCount nodes { id title } } }";

class Capture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
}

let fed: Federation;
const redises: TestRedis[] = [];
const gateways: RunningServer[] = [];
beforeAll(async () => {
  fed = await bootFederation();
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await Promise.all(redises.map((r) => r.stop()));
  await fed?.stop();
});

/** A Redis of this test's own, or null (the caller skips, saying why). */
async function ownRedis(options: { password?: string; tls?: boolean }) {
  const redis = await startRedis(options);
  if (redis) redises.push(redis);
  else console.warn(`redis-server${options.tls ? " or openssl" : ""} is not installed: skipped`);
  return redis;
}

/** A gateway in front of the federation's subgraphs, with these Redis settings. */
async function gatewayWith(redis: Partial<HubConfig["redis"]>, perMinute = 1000) {
  const capture = new Capture();
  const config: HubConfig = {
    ...fed.config,
    redis: { ...fed.config.redis, ...redis },
    rateLimits: { ...fed.config.rateLimits, perMinute },
  };
  const gateway = await startGateway(config, {
    port: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url])),
    log: createLogger("gateway", { level: "debug" }, capture),
  });
  gateways.push(gateway);
  return { gateway, logs: capture.lines, prefix: config.redis.keyPrefix };
}

/** A client of a test Redis, as an attacker with its address and password would have. */
function client(redis: TestRedis) {
  const tls = redis.caFile ? { tls: { ca: fs.readFileSync(redis.caFile) } } : {};
  return new Redis(redis.url, { lazyConnect: true, ...tls });
}

async function keysOf(redis: TestRedis, pattern: string): Promise<string[]> {
  const c = client(redis);
  try {
    await c.connect();
    return await c.keys(pattern);
  } finally {
    c.disconnect();
  }
}

/** The public story list, as any anonymous caller reads it (cached for all of them). */
const read = async (url: string) => {
  const response = await send(url, { query: STORIES });
  return { response, hit: response.headers.get("age") !== null };
};

/** The stored entries of a gateway's response cache: Keyv's JSON around the hub's value. */
async function entries(redis: TestRedis, prefix: string) {
  const c = client(redis);
  await c.connect();
  try {
    const keys = await c.keys(`${prefix}::fqc:*`);
    const values = await Promise.all(keys.map((k) => c.get(k)));
    return keys.map((key, i) => ({ key, stored: JSON.parse(values[i]!) as { value: string } }));
  } finally {
    c.disconnect();
  }
}

/** Budgets and answers of one gateway live in `redis`; the entries are signed. */
async function expectStateIn(redis: TestRedis, redisSettings: Partial<HubConfig["redis"]>) {
  const { gateway, prefix } = await gatewayWith(redisSettings, 2);
  expect((await read(gateway.url)).hit).toBe(false);
  expect((await read(gateway.url)).hit).toBe(true);
  const token = await fed.token("CITY_ADMIN", { sub: "budget-in-redis" });
  const statuses = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await send(gateway.url, { query: "{ __typename }", token })).status);
  expect(statuses).toEqual([200, 200, 429]);
  expect(await keysOf(redis, `${prefix}:rate:sub:budget-in-redis`)).toHaveLength(1);
  const stored = await entries(redis, prefix);
  expect(stored).toHaveLength(1);
  expect(stored[0].stored.value).toMatch(/^hub1\.\d+\.[A-Za-z0-9_-]{43}\.\{"data"/);
}

/** A gateway whose Redis cannot be used still answers, and says so without the password. */
async function expectServedWithout(redisSettings: Partial<HubConfig["redis"]>) {
  const { gateway, logs } = await gatewayWith(redisSettings);
  expect((await read(gateway.url)).response.status).toBe(200);
  expect((await read(gateway.url)).response.status).toBe(200);
  expect(logs.join("\n")).toMatch(/rate limit store unreachable/);
  expect(logs.join("\n")).not.toContain(PASSWORD);
}

describe("a Redis with a password", () => {
  it("keeps the budgets and the signed answers there", async () => {
    const redis = await ownRedis({ password: PASSWORD });
    if (redis) await expectStateIn(redis, { url: redis.url });
  });

  it("is not used with a wrong password, and the gateway answers all the same", async () => {
    const redis = await ownRedis({ password: PASSWORD });
    if (!redis) return;
    await expectServedWithout({ url: redis.url.replace(PASSWORD, `${PASSWORD}-wrong`) });
    expect(await keysOf(redis, "*")).toEqual([]);
  });
});

describe("a Redis over TLS (rediss://)", () => {
  it("keeps the budgets and the signed answers there, trusting REDIS_TLS_CA_FILE", async () => {
    const redis = await ownRedis({ password: PASSWORD, tls: true });
    if (redis) await expectStateIn(redis, { url: redis.url, tlsCaFile: redis.caFile });
  });

  it("is not used when its certificate is not trusted (no REDIS_TLS_CA_FILE)", async () => {
    const redis = await ownRedis({ password: PASSWORD, tls: true });
    if (!redis) return;
    await expectServedWithout({ url: redis.url, tlsCaFile: null });
    expect(await keysOf(redis, "*")).toEqual([]);
  });
});

describe("cached answers someone else wrote into Redis", () => {
  let redis: TestRedis | null;
  let gateway: RunningServer;
  let logs: string[];
  let prefix: string;
  beforeAll(async () => {
    redis = await ownRedis({ password: PASSWORD });
    if (redis) ({ gateway, logs, prefix } = await gatewayWith({ url: redis.url }));
  });

  /** Replaces every cached answer's stored value by what `forge` makes of it. */
  async function overwrite(forge: (value: string, key: string) => string) {
    const c = client(redis!);
    await c.connect();
    for (const { key, stored } of await entries(redis!, prefix))
      await c.set(key, JSON.stringify({ ...stored, value: forge(stored.value, key) }), "KEEPTTL");
    c.disconnect();
  }

  const FORGED = "被篡改的案例";
  const forgedAnswer = (signed: string) =>
    signed.slice(signed.indexOf("{")).replace(/"title":"[^"]*"/g, `"title":"${FORGED}"`);

  it.each([
    ["an answer of its own, as plain JSON", (v: string) => forgedAnswer(v)],
    [
      "the hub's answer with its text changed and the signature kept",
      (v: string) => v.slice(0, v.indexOf("{")) + forgedAnswer(v),
    ],
    [
      "the hub's signed answer with a longer life",
      (v: string) => v.replace(/^hub1\.\d+/, `hub1.${Date.now() + 86_400_000}`),
    ],
  ])("are not served: %s", async (_, forge) => {
    if (!redis) return;
    const truth = await read(gateway.url);
    expect((await read(gateway.url)).hit).toBe(true);
    await overwrite(forge);
    const after = await read(gateway.url);
    expect(after.hit).toBe(false);
    expect(JSON.stringify(after.response.data)).not.toContain(FORGED);
    expect(after.response.data).toEqual(truth.response.data);
    // The entry was written again, signed: the next read is a hit.
    expect((await read(gateway.url)).hit).toBe(true);
    // Said in the log, a line a minute at most however often it happens (once for all cases).
    expect(logs.filter((l) => l.includes("not signed by this hub"))).toHaveLength(1);
  });

  it("is not served under another key (a signed answer moved to another scope)", async () => {
    if (!redis) return;
    const c = client(redis);
    await c.connect();
    await c.flushall();
    const viewer = await fed.token("DASHBOARD_VIEWER", { sub: "moved-entry" });
    const own = await send(gateway.url, { query: STORIES, token: viewer });
    const [signedIn] = await entries(redis, prefix);
    await read(gateway.url);
    const anonymous = (await entries(redis, prefix)).find((e) => e.key !== signedIn.key)!;
    expect(anonymous).toBeDefined();
    // The signed-in caller's answer, as it was signed, under the anonymous callers' key.
    await c.set(anonymous.key, JSON.stringify(signedIn.stored), "KEEPTTL");
    c.disconnect();
    const after = await read(gateway.url);
    expect(after.hit).toBe(false);
    expect(own.status).toBe(200);
  });
});
