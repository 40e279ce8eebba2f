// The gateway's HTTP client to subgraphs (gateway/subgraph-fetcher.ts) on its own: what counts
// as a query it may send twice, and an idle timeout that never cuts a slow answer short.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createSubgraphFetcher, isQueryBody } from "../../gateway/subgraph-fetcher";

describe("isQueryBody", () => {
  it("takes what the query planner sends as queries, and nothing else", () => {
    const body = (query: string) => JSON.stringify({ query, variables: {} });
    expect(isQueryBody(body('query Q__districts__0{district(code:"1"){name}}'))).toBe(true);
    expect(isQueryBody(body('{district(code:"1"){name}}'))).toBe(true);
    expect(isQueryBody(body("mutation M__districts__0{publishDemands{created}}"))).toBe(false);
    expect(isQueryBody(body("queryX"))).toBe(false);
    expect(isQueryBody(JSON.stringify({ variables: {}, query: "{ a }" }))).toBe(false);
    expect(isQueryBody(undefined)).toBe(false);
  });
});

describe("the subgraph fetcher", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === "/text") {
        // A byte-order mark, then UTF-8 whose characters straddle the chunks it is written in.
        const body = Buffer.from('\ufeff{"data":{"name":"盐田区"}}');
        response.writeHead(503, { "content-type": "application/json" });
        response.write(body.subarray(0, 20));
        return setTimeout(() => response.end(body.subarray(20)), 20);
      }
      if (request.url === "/empty") return response.writeHead(204).end();
      // Answers after three times the client's idle timeout.
      setTimeout(() => {
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ data: { method: request.method } }));
      }, 300);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("waits for a slow answer longer than its idle timeout", async () => {
    const { fetcher, close } = createSubgraphFetcher({ idleTimeoutMs: 100 });
    try {
      const response = await fetcher(url, { method: "POST", body: '{"query":"{ a }"}' });
      expect(response.status).toBe(200);
      expect(response.url).toBe(url);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual({ data: { method: "POST" } });
    } finally {
      close();
    }
  });

  it("reads an answer as fetch would: once, UTF-8 without its byte-order mark, or cloned", async () => {
    const { fetcher, close } = createSubgraphFetcher({ idleTimeoutMs: 1000 });
    try {
      const base = url.replace(/\/graphql$/, "");
      const response = await fetcher(`${base}/text`, { method: "POST", body: "{}" });
      expect([response.status, response.ok]).toEqual([503, false]);
      const copy = response.clone();
      expect(await response.json()).toEqual({ data: { name: "盐田区" } });
      expect(response.bodyUsed).toBe(true);
      await expect(response.text()).rejects.toThrow(/already read/);
      expect(await copy.text()).toBe('{"data":{"name":"盐田区"}}');
      const empty = await fetcher(`${base}/empty`, { method: "POST", body: "{}" });
      expect([empty.status, empty.ok, await empty.text()]).toEqual([204, true, ""]);
      // No body to use up: fetch reads it as empty again.
      expect([empty.bodyUsed, await empty.text()]).toEqual([false, ""]);
    } finally {
      close();
    }
  });
});
