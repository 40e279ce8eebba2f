// GATEWAY_WORKERS: the gateway as several processes sharing one port (Node cluster), for machines
// with more cores than one JavaScript thread can use. The primary only forks the workers, brings
// back one that dies, stops them all on SIGTERM and adds up their metrics: /metrics, answered by
// any worker, asks the primary, which collects every worker's registry (prom-client's
// AggregatorRegistry). What workers must share (rate budgets, the response cache and the versions
// that invalidate it) lives in Redis, which is why the configuration asks for REDIS_URL with more
// than one worker. In-flight dedup stays per worker, as it stays per replica.
import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry, type Registry } from "prom-client";
import type { Logger } from "../runtime/log";

interface MetricsAsk {
  hub: "metrics?";
  id: number;
}
interface MetricsAnswer {
  hub: "metrics";
  id: number;
  text?: string;
  error?: string;
}

const isAsk = (m: unknown): m is MetricsAsk => (m as MetricsAsk)?.hub === "metrics?";
const isAnswer = (m: unknown): m is MetricsAnswer => (m as MetricsAnswer)?.hub === "metrics";

/** Workers restarted within a minute at most before the primary gives up (a crash loop). */
const MAX_RESTARTS_PER_MINUTE = 10;

/**
 * Runs the primary: forks `count` workers (each runs this same script and starts a gateway) and
 * resolves when they have all stopped after SIGTERM/SIGINT.
 */
export function runPrimary(count: number, log: Logger): Promise<void> {
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  const restarts: number[] = [];
  const fork = () => cluster.fork();
  return new Promise((resolve) => {
    cluster.on("message", (worker: Worker, message: unknown) => {
      if (!isAsk(message)) return;
      const answer = (reply: Omit<MetricsAnswer, "hub" | "id">) => {
        if (worker.isConnected()) worker.send({ hub: "metrics", id: message.id, ...reply });
      };
      aggregator.clusterMetrics().then(
        (text) => answer({ text }),
        (error: Error) => answer({ error: error.message }),
      );
    });
    cluster.on("exit", (worker, code, signal) => {
      const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
      if (stopping) {
        if (alive === 0) resolve();
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
      if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
        log.error({ code, signal }, "gateway workers keep dying; stopping");
        process.exitCode = 1;
        stop();
        if (alive === 0) resolve();
        return;
      }
      log.warn({ pid: worker.process.pid, code, signal }, "gateway worker died; starting another");
      fork();
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (!workers.length) return resolve();
      for (const worker of workers) worker?.process.kill("SIGTERM");
      // A worker that does not finish its requests in time is killed.
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      }, 30_000).unref();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    // Started by npm start with an IPC channel: when that parent goes, stop too.
    if (process.send) process.on("disconnect", stop);
    for (let i = 0; i < count; i += 1) fork();
    log.info({ workers: count }, "gateway workers starting");
  });
}

/**
 * Inside a worker: makes `registry` collectable by the primary and returns what /metrics serves
 * (the sum over every worker). Outside a cluster: null (serve the registry itself).
 */
export function clusterMetrics(registry: Registry): (() => Promise<string>) | null {
  if (!cluster.isWorker) return null;
  new AggregatorRegistry(); // listens for the primary's collection requests
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const waiting = new Map<number, (answer: MetricsAnswer) => void>();
  process.on("message", (message: unknown) => {
    if (isAnswer(message)) waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error("the gateway's primary process did not answer for the metrics"));
      }, 5000);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? "metrics unavailable"));
      });
      process.send!({ hub: "metrics?", id } satisfies MetricsAsk);
    });
}
