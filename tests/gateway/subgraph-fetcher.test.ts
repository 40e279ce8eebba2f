// The gateway's HTTP client to subgraphs (gateway/subgraph-fetcher.ts) on its own: what counts
// as a query it may send twice (gateway/call-kind.ts), and an idle timeout that never cuts a slow
// answer short, and a time limit that fails a call as an AbortSignal.timeout signal would.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { OperationTypeNode, parse } from "graphql";
import { CALL_KIND_HEADER, callKindOf, isRetryable } from "../../gateway/call-kind";
import { createSubgraphFetcher, TIME_LIMIT_MS } from "../../gateway/subgraph-fetcher";

const MUTATION = OperationTypeNode.MUTATION;

describe("a call's kind (issue 26, item 4)", () => {
  it("is read from the call's parsed operation, else the client's, else never resent", () => {
    const own = (text: string) => parse(text);
    expect(callKindOf(own('query Q__districts__0{district(code:"1"){name}}'), MUTATION)).toBe(
      "query",
    );
    expect(callKindOf(own('{ district(code: "1") { name } }'), undefined)).toBe("query");
    expect(callKindOf(own("mutation M{publishDemands{created}}"), OperationTypeNode.QUERY)).toBe(
      "mutation",
    );
    expect(callKindOf(undefined, MUTATION)).toBe("mutation");
    expect(callKindOf(undefined, undefined)).toBe("unknown");
    const marked = (kind: string) => ({ headers: { [CALL_KIND_HEADER]: kind } });
    expect(isRetryable(marked("query"))).toBe(true);
    expect(isRetryable(marked("mutation"))).toBe(false);
    expect(isRetryable(marked("unknown"))).toBe(false);
    // A body that looks like a query is not enough: nobody marked it.
    expect(isRetryable({ body: '{"query":"query Q{a}"}' })).toBe(false);
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
      // Headers at once, the body never finished.
      if (request.url === "/stalls") return response.writeHead(200).write('{"data":');
      if (request.url === "/repeated") {
        response.setHeader("Content-Type", "application/json; charset=utf-8");
        response.setHeader("Cache-Control", "max-age=30, public");
        response.setHeader("X-Part", ["one", "two"]);
        response.setHeader("Set-Cookie", ["a=1", "b=2"]);
        return response.end("{}");
      }
      if (request.url === "/headers") {
        response.setHeader("content-type", "application/json");
        return response.end(JSON.stringify({ headers: request.headers }));
      }
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

  it("takes the call's kind off before the call leaves", async () => {
    const { fetcher, close } = createSubgraphFetcher({ idleTimeoutMs: 1000 });
    try {
      const response = await fetcher(url.replace(/\/graphql$/, "/headers"), {
        method: "POST",
        headers: { [CALL_KIND_HEADER]: "query", "x-request-id": "kept" },
        body: "{}",
      });
      const { headers } = (await response.json()) as { headers: Record<string, string> };
      expect(headers["x-request-id"]).toBe("kept");
      expect(headers[CALL_KIND_HEADER]).toBeUndefined();
    } finally {
      close();
    }
  });

  it("reads an answer's headers as a WHATWG Headers reads them", async () => {
    const { fetcher, close } = createSubgraphFetcher({ idleTimeoutMs: 1000 });
    try {
      const base = url.replace(/\/graphql$/, "");
      const response = await fetcher(`${base}/repeated`, { method: "POST", body: "{}" });
      // What fetch's own Response holds for the same answer.
      const reference = (await fetch(`${base}/repeated`, { method: "POST", body: "{}" })).headers;
      for (const name of ["content-type", "Cache-Control", "x-part", "SET-COOKIE", "x-absent"]) {
        expect(response.headers.get(name)).toBe(reference.get(name));
        expect(response.headers.has(name)).toBe(reference.has(name));
      }
      expect(response.headers.get("x-part")).toBe("one, two");
      const listed = (headers: Iterable<[string, string]>) =>
        [...headers].filter(([name]) => !["date", "connection", "keep-alive"].includes(name));
      expect(listed(response.headers)).toEqual(listed(reference));
      // Changed, it is a Headers from then on; a clone has the same entries.
      const copy = response.clone();
      response.headers.set("x-part", "three");
      expect([response.headers.get("x-part"), copy.headers.get("x-part")]).toEqual([
        "three",
        "one, two",
      ]);
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

  it("fails a call past its time limit as http.request with AbortSignal.timeout fails it", async () => {
    const { fetcher, close } = createSubgraphFetcher({ idleTimeoutMs: 1000 });
    // What Node's own client rejects with when the signal the limit used to be aborts.
    const bySignal = (target: string) =>
      new Promise<unknown>((resolve) => {
        const req = http.request(target, { method: "POST", signal: AbortSignal.timeout(50) });
        req.on("response", (res) => res.on("error", resolve).resume());
        req.on("error", resolve);
        req.end("{}");
      });
    const shape = (error: unknown) => {
      const { name, code, message, cause } = error as Error & { code: string; cause: Error };
      return { name, code, message, cause: [cause?.name, cause?.message] };
    };
    try {
      const base = url.replace(/\/graphql$/, "");
      // Before any answer (the slow one), and while the answer's body is still coming.
      for (const target of [url, `${base}/stalls`]) {
        const started = performance.now();
        const failure = await fetcher(target, {
          method: "POST",
          body: "{}",
          [TIME_LIMIT_MS]: 50,
        } as Parameters<typeof fetcher>[1]).catch((error: unknown) => error);
        expect(performance.now() - started).toBeLessThan(250);
        expect(shape(failure)).toEqual(shape(await bySignal(target)));
        expect(shape(failure).cause).toEqual([
          "TimeoutError",
          "The operation was aborted due to timeout",
        ]);
      }
    } finally {
      close();
    }
  });
});
