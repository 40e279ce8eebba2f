// What npm start checks before and after launching the processes: that each port can be bound,
// and when each server answers its health check.
import http from "node:http";
import net from "node:net";

/**
 * One GET of a health URL with node:http, not fetch: fetch refuses the WHATWG "bad ports" (6000,
 * 6665-6669, ...) without connecting, which made a running server look as if it never started.
 */
export function healthy(url: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/**
 * Polls the server's /health (or another check: /health/ready) until it answers 200; throws after
 * timeoutMs or once stopped.
 */
export async function waitForHealth(
  name: string,
  url: string,
  timeoutMs = 120_000,
  stopped: () => boolean = () => false,
  check = "/health",
) {
  const health = url.replace(/\/graphql$/, check);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopped()) throw new Error("stopped");
    if (await healthy(health)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become healthy at ${health} within ${timeoutMs / 1000} s`);
}

/** Resolves when the port can be bound; a hub already running would otherwise answer our health checks. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/**
 * A port nobody listens on, for a server started later on it (tests and the benchmark choose
 * ports up front, so that a restarted process comes back where the others expect it). It is
 * chosen below Linux's ephemeral range (32768-60999): an ephemeral port could meanwhile become
 * the local end of some outgoing connection and make the later bind fail with EADDRINUSE.
 */
const handedOut = new Set<number>();
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    // Not one handed out before: it may not be bound yet.
    if (handedOut.has(port) || !(await portFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error("no free port between 20000 and 32000");
}
