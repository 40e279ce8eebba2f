// Excel downloads are written in worker threads (render/xlsx-worker.ts), never on the gateway's
// event loop: a city-wide workbook of every station is CPU work that would hold every other
// client meanwhile. As the certificate printer (pdf-renderer.ts): a fixed pool of XLSX_WORKERS
// threads, started at the first download, one workbook each at a time; at most XLSX_QUEUE wait for
// a free thread and more are refused at once (XlsxBusy: 503 SERVICE_UNAVAILABLE with Retry-After).
import path from "node:path";
import { Worker } from "node:worker_threads";
import { HubError } from "../runtime/errors";
import type { WorkbookSpec } from "../runtime/xlsx/workbook";
import type { XlsxAnswer, XlsxJob } from "./render/xlsx-worker";

export interface XlsxWriterOptions {
  /** Threads (config.xlsx.workers). */
  workers: number;
  /** Workbooks that may wait for a thread (config.xlsx.queue). */
  queue: number;
}

export interface XlsxWriter {
  write(spec: WorkbookSpec): Promise<Buffer>;
  /** Stops the threads; workbooks still waiting fail. */
  close(): Promise<void>;
}

/** Every thread is busy and the queue is full: try again in `retryAfterSeconds`. */
export class XlsxBusy extends HubError {
  constructor(retryAfterSeconds: number) {
    super(
      "SERVICE_UNAVAILABLE",
      `every Excel writer is busy; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}

function workerEntry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, "render", `xlsx-worker${ext}`);
  if (ext !== ".ts") return { file, execArgv: [] };
  const swc = path.join(__dirname, "..", "tests", "helpers", "swc-register.js");
  return { file, execArgv: ["--require", swc] };
}

interface Job extends XlsxJob {
  resolve(xlsx: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker?: Worker;
  job?: Job & { started: number };
}

export function createXlsxWriter(options: XlsxWriterOptions): XlsxWriter {
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({}));
  const waiting: Job[] = [];
  let nextId = 0;
  let closed = false;
  /** A running average of one workbook's time, for Retry-After. */
  let averageMs = 500;

  function finish(slot: Slot, outcome: { xlsx: Buffer } | { error: Error }) {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    averageMs = 0.8 * averageMs + 0.2 * (performance.now() - job.started);
    if ("xlsx" in outcome) job.resolve(outcome.xlsx);
    else job.reject(outcome.error);
    dispatch();
  }

  function start(slot: Slot): Worker {
    const { file, execArgv } = workerEntry();
    const worker = new Worker(file, { execArgv });
    worker.unref();
    worker.on("message", (answer: XlsxAnswer) => {
      if (answer.id !== slot.job?.id) return;
      finish(
        slot,
        "xlsx" in answer
          ? {
              xlsx: Buffer.from(answer.xlsx.buffer, answer.xlsx.byteOffset, answer.xlsx.byteLength),
            }
          : { error: new Error(`writing the workbook failed: ${answer.error}`) },
      );
    });
    const lost = (reason: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      finish(slot, { error: new Error(`the Excel worker stopped: ${reason}`) });
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
      slot.worker.postMessage({ id: job.id, spec: job.spec } satisfies XlsxJob);
    }
  }

  return {
    write(spec) {
      if (closed) return Promise.reject(new Error("the Excel writer is stopped"));
      const busy = slots.filter((s) => s.job).length;
      if (busy === slots.length && waiting.length >= options.queue) {
        const ahead = (busy + waiting.length) / slots.length;
        return Promise.reject(new XlsxBusy(Math.max(1, Math.ceil((ahead * averageMs) / 1000))));
      }
      return new Promise<Buffer>((resolve, reject) => {
        waiting.push({ id: nextId++, spec, resolve, reject });
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
