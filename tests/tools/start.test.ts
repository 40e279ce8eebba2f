// npm start's checks (issue 17, item 9): a gateway port that fetch clients refuse is named at once
// by the configuration, and the health probe reaches servers on any port, so a port on the WHATWG
// "bad port" list is never mistaken for a server that did not start.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError, FETCH_BAD_PORTS, loadConfig } from "../../runtime/config";
import { waitForHealth } from "../../tools/start-checks";

/** A /health server on the first port of `candidates` that can be bound. */
async function healthServerOn(candidates: number[]): Promise<http.Server> {
  for (const port of candidates) {
    const server = http.createServer((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end('{"status":"ok"}');
    });
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (bound) return server;
  }
  throw new Error(`none of the ports ${candidates.join(", ")} could be bound`);
}

describe("npm start with a port that fetch refuses", () => {
  it("is refused by the configuration at once, naming the port and why", () => {
    let problems: string[] = [];
    try {
      loadConfig({ PORT: "6000" });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/PORT=6000/);
    expect(problems[0]).toMatch(/bad port/i);
    expect(problems[0]).toMatch(/fetch/);
  });

  it("refuses a GATEWAY_URL on such a port, and accepts subgraph ports on it", () => {
    expect(() => loadConfig({ GATEWAY_URL: "http://gw.internal:6667/graphql" })).toThrow(
      /GATEWAY_URL.*6667/,
    );
    expect(loadConfig({ CORPS_PORT: "6000" }).servers.subgraphPorts.corps).toBe(6000);
  });

  it("probes health without fetch, so a server on a bad port is seen as healthy", async () => {
    // Unprivileged ports of the list, unlikely to be taken on a developer machine.
    const candidates = [...FETCH_BAD_PORTS].filter((p) => p >= 6000);
    const server = await healthServerOn(candidates);
    try {
      const { port } = server.address() as AddressInfo;
      // The server is up before the probe starts: a probe that can reach it succeeds at once.
      await expect(
        waitForHealth("test", `http://127.0.0.1:${port}/graphql`, 3000),
      ).resolves.toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
