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
});
