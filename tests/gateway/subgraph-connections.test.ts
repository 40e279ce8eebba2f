// The gateway's connections to subgraphs (issue 17, item 4). A pooled keep-alive socket that the
// subgraph has meanwhile closed (the gateway's loop was blocked past the subgraph's
// keepAliveTimeout) must not fail an innocent query: a query that meets a reset on a reused
// socket is sent once more on a fresh one; a mutation never is. And the gateway drops idle
// sockets itself before the subgraph's keep-alive timeout can close them under it.
//
// A proxy in front of districts plays the subgraph that closed the socket: it resets every
// connection on which a second request arrives, before passing that request on.
import net from "node:net";
import { Writable } from "node:stream";
import { startGateway } from "../../gateway";
import { loadConfigWith, SUBGRAPHS } from "../../runtime/config";
import type { RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";
import { bootFederation, type Federation } from "../helpers/federation";
import { send } from "../helpers/graphql";

interface ResettingProxy {
  url: string;
  /** Requests passed on to the subgraph, and connections reset. */
  stats: { forwarded: number; resets: number; closedByClient: number };
  close(): Promise<void>;
}

/** Forwards to `target`; resets a connection when a request arrives after its first answer. */
async function resettingProxy(target: URL): Promise<ResettingProxy> {
  const stats = { forwarded: 0, resets: 0, closedByClient: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(Number(target.port), target.hostname);
    let answered = false;
    let requestStarted = false;
    client.on("data", (chunk) => {
      if (answered) {
        stats.resets += 1;
        upstream.destroy();
        client.resetAndDestroy();
        return;
      }
      if (!requestStarted) {
        requestStarted = true;
        stats.forwarded += 1;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      answered = true;
      client.write(chunk);
    });
    client.on("end", () => {
      stats.closedByClient += 1;
      upstream.end();
    });
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    client.on("close", () => sockets.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

let fed: Federation;
let proxy: ResettingProxy;
const quiet = createLogger(
  "gateway",
  { level: "silent" },
  new Writable({ write: (_c, _e, done) => done() }),
);

/** A second gateway whose districts subgraph is behind the proxy. */
async function gatewayBehindProxy(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfigWith({
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123",
    RESPONSE_CACHE_TTL_SECONDS: "0",
    REDIS_URL: "",
    ...env,
  });
  const urls = Object.fromEntries(SUBGRAPHS.map((n) => [n, fed.subgraphs[n].url]));
  return startGateway(config, {
    port: 0,
    log: quiet,
    subgraphUrls: { ...urls, districts: proxy.url },
  });
}

beforeAll(async () => {
  fed = await bootFederation();
  proxy = await resettingProxy(new URL(fed.subgraphs.districts.url));
});
afterAll(async () => {
  await proxy?.close();
  await fed?.stop();
});

const DISTRICT = `{ district(code: "440305") { code name stationCount } }`;

describe("stale keep-alive sockets to a subgraph", () => {
  let gateway: RunningServer;
  beforeAll(async () => {
    gateway = await gatewayBehindProxy();
  });
  afterAll(() => gateway.stop());

  it("answers queries that meet a reset socket, by sending them once more on a fresh one", async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await send<{ district: unknown }>(gateway.url, { query: DISTRICT });
      expect(response.errors).toBeUndefined();
      expect(response.data!.district).toMatchObject({ code: "440305", name: "南山区" });
    }
    // The second and third queries met a reset on the reused socket and were sent again.
    expect(proxy.stats.resets).toBeGreaterThanOrEqual(2);
  });

  it("never sends a mutation twice: it fails with its outcome unknown, and is not resent", async () => {
    await send(gateway.url, { query: DISTRICT }); // a pooled socket to districts
    const before = { ...proxy.stats };
    const response = await send(gateway.url, {
      query: `mutation { publishDemands(districtCode: "440305", demands: []) { created } }`,
      token: await fed.token("CITY_ADMIN"),
    });
    // The gateway cannot tell this reset from a subgraph that died while writing: it says so.
    expect(response.status).toBe(504);
    expect(response.errors?.[0]).toMatchObject({
      message:
        "the districts service did not answer: the change may or may not have been written; read the current state before sending it again",
      extensions: { code: "OUTCOME_UNKNOWN", serviceName: "districts" },
    });
    expect(proxy.stats.resets).toBe(before.resets + 1);
    expect(proxy.stats.forwarded).toBe(before.forwarded);
  });
});

describe("idle sockets to a subgraph", () => {
  it("are closed by the gateway after its idle timeout, below the subgraph's keep-alive", async () => {
    const gateway = await gatewayBehindProxy({
      KEEP_ALIVE_TIMEOUT_MS: "5000",
      SUBGRAPH_IDLE_TIMEOUT_MS: "200",
    });
    try {
      const closed = proxy.stats.closedByClient;
      const response = await send(gateway.url, { query: DISTRICT });
      expect(response.errors).toBeUndefined();
      // The subgraph would keep the socket 5 s; the gateway lets go of it first. (The wait only
      // bounds a test that would otherwise hang.)
      for (let i = 0; i < 400 && proxy.stats.closedByClient === closed; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(proxy.stats.closedByClient).toBeGreaterThan(closed);
    } finally {
      await gateway.stop();
    }
  });
});
