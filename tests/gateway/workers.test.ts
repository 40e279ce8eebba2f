// GATEWAY_WORKERS: the gateway as a cluster of processes on one port, sharing Redis. Every request
// here goes on a connection of its own, so that the kernel hands consecutive requests to
// different workers (the cluster's round robin).
import { execFileSync } from "node:child_process";
import http from "node:http";
import { loadConfigWith } from "../../runtime/config";
import { bootProcesses, type ProcessFederation } from "../helpers/processes";
import { lintMetrics, promtool } from "../helpers/prometheus-lint";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a fresh connection (no keep-alive pool). */
function fresh(url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: init.method ?? (init.body ? "POST" : "GET"),
        agent: false,
        headers: {
          "content-type": "application/json",
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
      },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer from ${url} in 10 s`)));
    request.on("error", reject);
    request.end(init.body ? JSON.stringify(init.body) : undefined);
  });
}

/** The worker processes of the gateway's primary. */
const workersOf = (pid: number): number[] => {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const METRICS_TOKEN = "workers-scraper-token-0123456789";

describe("GATEWAY_WORKERS", () => {
  it("refuses more than one worker without REDIS_URL, and a count that is not 1-64", () => {
    expect(() => loadConfigWith({ GATEWAY_WORKERS: "2", REDIS_URL: "" })).toThrow(
      /GATEWAY_WORKERS=2 needs REDIS_URL/,
    );
    expect(() => loadConfigWith({ GATEWAY_WORKERS: "0" })).toThrow(/GATEWAY_WORKERS=0 must be/);
    expect(
      loadConfigWith({ GATEWAY_WORKERS: "4", REDIS_URL: "redis://127.0.0.1:6379" }).servers
        .gatewayWorkers,
    ).toBe(4);
    expect(loadConfigWith({ GATEWAY_WORKERS: "" }).servers.gatewayWorkers).toBe(1);
  });

  describe("two workers", () => {
    let fed: ProcessFederation;
    let admin: string;
    const graphql = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
      fresh(fed.gatewayUrl, { token: admin, body: { query, variables, operationName } });
    /** GET /metrics with the scraper's token (null: without). */
    const scrape = (token: string | null = METRICS_TOKEN) =>
      fresh(fed.gatewayUrl.replace(/\/graphql$/, "/metrics"), token ? { token } : {});

    beforeAll(async () => {
      fed = await bootProcesses(
        {
          GATEWAY_WORKERS: "2",
          REDIS_URL: "redis://127.0.0.1:6379",
          RESPONSE_CACHE_TTL_SECONDS: "60",
          // Any worker answers /metrics with the sum the primary collects over IPC: the token
          // guards the route in every worker.
          METRICS_TOKEN,
        },
        { gatewayProcess: true },
      );
      admin = await fed.token("CITY_ADMIN");
    }, 240_000);
    afterAll(() => fed?.stop());

    it("runs two worker processes under one primary", () => {
      expect(workersOf(fed.pid("gateway")!)).toHaveLength(2);
    });

    it("sees a publish through one worker in the cached answers of every worker", async () => {
      const query = `{ district(code: "440303") { code stationCount(status: SUBMITTED) } }`;
      const count = async () => {
        const answer = await graphql(query);
        expect(answer.status).toBe(200);
        return {
          value: JSON.parse(answer.body).data.district.stationCount as number,
          cached: answer.headers.age !== undefined,
        };
      };
      const before = await Promise.all([count(), count(), count(), count()].map((p) => p));
      const reads = [...before, await count(), await count()];
      expect(new Set(reads.map((r) => r.value)).size).toBe(1);
      // Answers came from the shared cache (they carry an Age header).
      expect(reads.some((r) => r.cached)).toBe(true);
      const published = await graphql(
        `
          mutation ($stations: [StationInput!]!) {
            publishStations(districtCode: "440303", stations: $stations) {
              created
              rejected {
                message
              }
            }
          }
        `,
        {
          stations: [
            {
              externalId: `WORKERS-${Date.now()}`,
              name: "集群测试工作站",
              hostType: "SME_PARK",
              address: "南山区科技园",
              categories: ["POLICY"],
            },
          ],
        },
      );
      expect(JSON.parse(published.body).data.publishStations).toEqual({
        created: 1,
        rejected: [],
      });
      const after = [];
      for (let i = 0; i < 6; i += 1) after.push((await count()).value);
      expect(after).toEqual(Array(6).fill(reads[0].value + 1));
    });

    it("serves /metrics summed over the workers", async () => {
      const metric = async () => {
        const text = (await scrape()).body;
        const line = text
          .split("\n")
          .find((l) => l.startsWith("hub_graphql_requests_total{") && l.includes("WorkersProbe"));
        return line ? Number(line.split(" ").pop()) : 0;
      };
      const start = await metric();
      for (let i = 0; i < 10; i += 1) {
        const answer = await graphql("query WorkersProbe { __typename }", {}, "WorkersProbe");
        expect(answer.status).toBe(200);
      }
      expect((await scrape(null)).status).toBe(401);
      // Each worker answered about half of them: only the sum over both makes ten.
      expect((await metric()) - start).toBe(10);
      // The sum keeps each metric's type and naming: promtool's rules hold for it too.
      const summed = (await scrape()).body;
      expect(lintMetrics(summed)).toEqual([]);
      expect(promtool(summed) ?? []).toEqual([]);
    });

    it("brings back a worker that dies; the other answers meanwhile", async () => {
      const primary = fed.pid("gateway")!;
      const [victim, survivor] = workersOf(primary);
      process.kill(victim, "SIGKILL");
      // A connection the primary hands over in the instant the worker dies, before it has noticed,
      // is lost with it (Node's cluster); from when it has noticed, the other worker answers.
      for (let waited = 0; waited < 10_000; waited += 50) {
        if (fed.output("gateway").includes("gateway worker died")) break;
        await sleep(50);
      }
      for (let i = 0; i < 6; i += 1) {
        const answer = await graphql("{ __typename }");
        expect(answer.status).toBe(200);
      }
      // The metrics answer too, while the new worker is still starting (it is not waited for).
      const metrics = await scrape();
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain("hub_graphql_requests_total");
      let workers: number[] = [];
      for (let waited = 0; waited < 30_000; waited += 200) {
        workers = workersOf(primary);
        if (workers.length === 2 && !workers.includes(victim)) break;
        await sleep(200);
      }
      expect(workers).toHaveLength(2);
      expect(workers).toContain(survivor);
      expect(workers).not.toContain(victim);
    });

    it("stops every worker with the primary on SIGTERM", async () => {
      const primary = fed.pid("gateway")!;
      const workers = workersOf(primary);
      expect(workers).toHaveLength(2);
      await fed.kill("gateway", "SIGTERM");
      for (let waited = 0; waited < 10_000 && workers.some(alive); waited += 100) await sleep(100);
      expect(workers.filter(alive)).toEqual([]);
    });
  });
});
