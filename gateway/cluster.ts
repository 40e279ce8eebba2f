// GATEWAY_WORKERS: the gateway as several processes sharing one port (Node cluster), for machines
// with more cores than one JavaScript thread can use. The primary only forks the workers, brings
// back one that dies, stops them all on SIGTERM and adds up their metrics: /metrics, answered by
// any worker, asks the primary, which collects the registry of every worker that is up (summed by
// prom-client's AggregatorRegistry.aggregate); a worker still starting, or one that does not answer
// within 2 s, is left out of that sum rather than failing the scrape. What workers must share (rate budgets, the response cache and the versions
// that invalidate it) lives in Redis, which is why the configuration asks for REDIS_URL with more
// than one worker. In-flight dedup stays per worker, as it stays per replica.
import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry, type Registry } from "prom-client";
import type { Logger } from "../runtime/log";

/** Worker → primary: "my registry answers" (once its routes are built) and "/metrics, please". */
type FromWorker = { hub: "ready" } | { hub: "metrics?"; id: number } | Collected;
/** Primary → worker: "send me your registry" and the sum for a /metrics request. */
type FromPrimary = { hub: "collect"; id: number } | { hub: "metrics"; id: number; text: string };
/** One worker's registry as JSON (what AggregatorRegistry.aggregate sums). */
type MetricJson = Awaited<ReturnType<Registry["getMetricsAsJSON"]>>[number];
interface Collected {
  hub: "collected";
  id: number;
  metrics: MetricJson[];
}

const hubMessage = <T extends { hub: string }>(m: unknown): m is T =>
  typeof (m as T)?.hub === "string";

/** How long the primary waits for the workers' registries; a worker that is late is left out. */
const COLLECT_MS = 2000;

/** The primary's side of /metrics: which workers answer, and the sum of their registries. */
function metricsCollector() {
  /** Workers whose registries answer (a fresh worker is not asked until it says so). */
  const ready = new Set<Worker>();
  const pending = new Map<number, (worker: Worker, metrics: MetricJson[]) => void>();
  let nextCollect = 0;

  /** The sum of every ready worker's registry; those that do not answer in time are left out. */
  function collectAll(): Promise<string> {
    const id = nextCollect++;
    const workers = [...ready].filter((w) => w.isConnected());
    const answers: MetricJson[][] = [];
    return new Promise<string>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(AggregatorRegistry.aggregate(answers).metrics());
      };
      const waiting = new Set(workers);
      const timer = setTimeout(finish, COLLECT_MS);
      pending.set(id, (worker, metrics) => {
        if (!waiting.delete(worker)) return;
        answers.push(metrics);
        if (!waiting.size) finish();
      });
      if (!workers.length) return finish();
      for (const worker of workers) worker.send({ hub: "collect", id } satisfies FromPrimary);
    });
  }

  return {
    onMessage(worker: Worker, message: FromWorker) {
      if (message.hub === "ready") ready.add(worker);
      else if (message.hub === "collected") pending.get(message.id)?.(worker, message.metrics);
      else if (message.hub === "metrics?") {
        const { id } = message;
        void collectAll().then((text) => {
          if (worker.isConnected()) worker.send({ hub: "metrics", id, text } satisfies FromPrimary);
        });
      }
    },
    forget(worker: Worker) {
      ready.delete(worker);
    },
  };
}

/** Counts a worker's death: true once more than `max` died within a minute (a crash loop). */
function crashLoop(max: number): () => boolean {
  const deaths: number[] = [];
  return () => {
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0] < now - 60_000) deaths.shift();
    return deaths.length > max;
  };
}

/**
 * Runs the primary: forks `count` workers (each runs this same script and starts a gateway) and
 * resolves when they have all stopped after SIGTERM/SIGINT.
 */
export function runPrimary(count: number, log: Logger): Promise<void> {
  // Workers stopping the gateway after this many deaths within a minute (a crash loop).
  const died = crashLoop(Math.max(10, 3 * count));
  const metrics = metricsCollector();
  let stopping = false;

  const fork = () => cluster.fork();
  return new Promise((resolve) => {
    cluster.on("message", (worker: Worker, message: unknown) => {
      if (hubMessage<FromWorker>(message)) metrics.onMessage(worker, message);
    });
    cluster.on("exit", (worker, code, signal) => {
      metrics.forget(worker);
      const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead()).length;
      if (stopping) {
        if (alive === 0) resolve();
        return;
      }
      if (died()) {
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
 * Inside a worker: answers the primary's collection requests from `registry` and returns what
 * /metrics serves (the sum over every worker). Outside a cluster: null (serve the registry).
 * Call once per worker.
 */
export function clusterMetrics(registry: Registry): (() => Promise<string>) | null {
  if (!cluster.isWorker || !process.send) return null;
  const send = (message: FromWorker) => process.send!(message);
  let next = 0;
  const waiting = new Map<number, (text: string) => void>();
  process.on("message", (message: unknown) => {
    if (!hubMessage<FromPrimary>(message)) return;
    if (message.hub === "metrics") waiting.get(message.id)?.(message.text);
    else if (message.hub === "collect") {
      const { id } = message;
      void registry.getMetricsAsJSON().then((metrics) => send({ hub: "collected", id, metrics }));
    }
  });
  send({ hub: "ready" });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error("the gateway's primary process did not answer for the metrics"));
      }, 2 * COLLECT_MS);
      waiting.set(id, (text) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(text);
      });
      send({ hub: "metrics?", id });
    });
}
