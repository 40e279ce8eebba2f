// One timed run: autocannon at fixed concurrency for a fixed time against one target, with the CPU
// seconds every measured process spent meanwhile.
import autocannon from "autocannon";
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
  /** CPU seconds per process name over the run. */
  cpu: Record<string, number>;
}

export async function timedLoad(spec: LoadSpec, pids: Record<string, number>): Promise<LoadResult> {
  const before = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid)]));
  let sequence = 0;
  const body = spec.body;
  const result = await autocannon({
    url: spec.url,
    method: "POST",
    headers: { "content-type": "application/json", ...spec.headers },
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 60,
    ...(typeof body === "string"
      ? { body }
      : {
          requests: [
            {
              method: "POST",
              setupRequest: (request) => ({ ...request, body: body(sequence++) }),
            },
          ],
        }),
  });
  const cpu: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) cpu[name] = cpuSeconds(pid) - before[name];
  const ok = result["2xx"];
  return {
    requests: ok,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpu,
  };
}
