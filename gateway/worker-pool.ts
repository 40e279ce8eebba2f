// CPU work that must not hold the gateway's event loop (certificate PDFs, Excel workbooks) runs in
// worker threads: a fixed pool of `workers` threads, started at the first job, each doing one job
// at a time; at most `queue` jobs wait for a free thread, and more are refused at once (the
// caller's busy error, answered 503 with Retry-After) rather than queued without end. A thread
// that fails is replaced. Jobs go out as `{ id, ...body }`; a worker answers `{ id, ... }` with
// either the bytes it made or an error text (`read`).
import path from "node:path";
import { Worker } from "node:worker_threads";

export interface WorkerPoolOptions<TAnswer> {
  /** Threads. */
  workers: number;
  /** Jobs that may wait for a thread. */
  queue: number;
  /** The worker's module in gateway/render/, without extension (e.g. "pdf-worker"). */
  module: string;
  /** What the pool is, in its errors ("the PDF renderer", "the Excel writer"). */
  name: string;
  /** The bytes of a worker's answer, or the error it reports. */
  read(answer: TAnswer): Uint8Array | { error: string };
  /** The error for "every thread busy and the queue full: try again in this many seconds". */
  busy(retryAfterSeconds: number): Error;
}

export interface WorkerPool<TBody> {
  run(body: TBody): Promise<Buffer>;
  /** Stops the threads; jobs still waiting fail. */
  close(): Promise<void>;
}

/**
 * The worker's module: compiled JavaScript in dist/, or, when the TypeScript sources run (the
 * tests), the .ts file compiled on load by the tests' SWC hook.
 */
function workerEntry(module: string): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, "render", `${module}${ext}`);
  if (ext !== ".ts") return { file, execArgv: [] };
  const swc = path.join(__dirname, "..", "tests", "helpers", "swc-register.js");
  return { file, execArgv: ["--require", swc] };
}

interface Job<TBody> {
  id: number;
  body: TBody;
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

interface Slot<TBody> {
  worker?: Worker;
  job?: Job<TBody> & { started: number };
}

export function createWorkerPool<TBody extends object, TAnswer extends { id: number }>(
  options: WorkerPoolOptions<TAnswer>,
): WorkerPool<TBody> {
  const slots: Array<Slot<TBody>> = Array.from({ length: options.workers }, () => ({}));
  const waiting: Array<Job<TBody>> = [];
  let nextId = 0;
  let closed = false;
  /** A running average of one job's time, for Retry-After. */
  let averageMs = 500;

  function finish(slot: Slot<TBody>, outcome: Buffer | Error) {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    averageMs = 0.8 * averageMs + 0.2 * (performance.now() - job.started);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
    dispatch();
  }

  function start(slot: Slot<TBody>): Worker {
    const { file, execArgv } = workerEntry(options.module);
    const worker = new Worker(file, { execArgv });
    // Idle threads do not keep the process alive; close() stops them with the gateway.
    worker.unref();
    worker.on("message", (answer: TAnswer) => {
      if (answer.id !== slot.job?.id) return;
      const read = options.read(answer);
      finish(
        slot,
        read instanceof Uint8Array
          ? Buffer.from(read.buffer, read.byteOffset, read.byteLength)
          : new Error(`${options.name} failed: ${read.error}`),
      );
    });
    const lost = (reason: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      finish(slot, new Error(`${options.name}'s worker stopped: ${reason}`));
    };
    worker.on("error", (error) => lost(error.message));
    worker.on("exit", (code) => lost(`exit code ${code}`));
    return worker;
  }

  function dispatch() {
    for (const slot of slots) {
      if (closed || slot.job || !waiting.length) continue;
      const job = waiting.shift()!;
      slot.job = { ...job, started: performance.now() };
      slot.worker ??= start(slot);
      slot.worker.postMessage({ id: job.id, ...job.body });
    }
  }

  return {
    run(body) {
      if (closed) return Promise.reject(new Error(`${options.name} is stopped`));
      const busy = slots.filter((s) => s.job).length;
      if (busy === slots.length && waiting.length >= options.queue) {
        const ahead = (busy + waiting.length) / slots.length;
        return Promise.reject(options.busy(Math.max(1, Math.ceil((ahead * averageMs) / 1000))));
      }
      return new Promise<Buffer>((resolve, reject) => {
        waiting.push({ id: nextId++, body, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error("the gateway is stopping"));
      await Promise.all(
        slots.map((slot) => {
          const worker = slot.worker;
          slot.worker = undefined;
          slot.job?.reject(new Error("the gateway is stopping"));
          slot.job = undefined;
          return worker ? worker.terminate() : Promise.resolve(0);
        }),
      );
    },
  };
}
