// One timed run: autocannon at fixed concurrency for a fixed time against one target, with the CPU
// seconds every measured process spent meanwhile.
import type autocannon from "autocannon";
import { benchRequire } from "./peers";
import { cpuSeconds } from "./processes";

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  /** One body for every request, or a fresh one for each. */
  body: string | ((sequence: number) => string);
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /**
   * The requests the CPU figures hold: those answered and those still in flight when the window
   * closed (autocannon drops their connections; the servers finish them, and the CPU is read once
   * the processes are quiet). Dividing by `requests` alone charged the in-flight ones' work to
   * the answered ones: a tenth more on a 0.8 s dashboard at 50 connections in 8 s.
   */
  served: number;
  /** CPU seconds per process name from the window's start until the processes were quiet. */
  cpu: Record<string, number>;
}

export async function timedLoad(
  spec: LoadSpec,
  pids: Record<string, number>,
  /** Waits for the requests left in flight to finish before the CPU is read. */
  quiet: () => Promise<void> = () => settle(pids),
): Promise<LoadResult> {
  const before = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid)]));
  let sequence = 0;
  let errored = 0;
  const body = spec.body;
  // A GraphQL error comes back with HTTP 200: an answer carrying "errors" is a failure too.
  const onResponse = (status: number, text: string) => {
    if (status === 200 && text.includes('"errors":[')) errored += 1;
  };
  // From bench/node_modules (bench/peers.ts), loaded when a run starts.
  const run = benchRequire("autocannon") as typeof autocannon;
  const result = await run({
    url: spec.url,
    method: "POST",
    headers: { "content-type": "application/json", ...spec.headers },
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 60,
    requests: [
      typeof body === "string"
        ? { method: "POST", body, onResponse }
        : {
            method: "POST",
            setupRequest: (request) => ({ ...request, body: body(sequence++) }),
            onResponse,
          },
    ],
  });
  await quiet();
  const cpu: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) cpu[name] = cpuSeconds(pid) - before[name];
  const ok = result["2xx"] - errored;
  const inFlight = Math.max(
    0,
    result.requests.sent - result["2xx"] - result.non2xx - result.errors,
  );
  return {
    requests: ok,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts + errored,
    served: ok + inFlight,
    cpu,
  };
}

/**
 * Waits until the measured processes are quiet (under 5 % of a core for a quarter second, at most
 * `maxSeconds`): requests a timed run left in flight must not run into the next target's time.
 */
export async function settle(pids: Record<string, number>, maxSeconds = 60) {
  const total = () => Object.values(pids).reduce((sum, pid) => sum + (cpuSeconds(pid) || 0), 0);
  const until = Date.now() + maxSeconds * 1000;
  let last = total();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = total();
    if (now - last < 0.0125) return;
    last = now;
  }
}
