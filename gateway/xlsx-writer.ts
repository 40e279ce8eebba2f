// Excel downloads are written in worker threads (render/xlsx-worker.ts), never on the gateway's
// event loop: a city-wide workbook of every station is CPU work that would hold every other
// client meanwhile. The pool (worker-pool.ts, shared with the certificate printer): XLSX_WORKERS
// threads, started at the first download; at most XLSX_QUEUE wait for a free thread and more are
// refused at once (XlsxBusy: 503 SERVICE_UNAVAILABLE with Retry-After).
import { HubError } from "../runtime/errors";
import type { WorkbookSpec } from "../runtime/xlsx/workbook";
import type { XlsxAnswer, XlsxJob } from "./render/xlsx-worker";
import { createWorkerPool } from "./worker-pool";

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

export function createXlsxWriter(options: XlsxWriterOptions): XlsxWriter {
  const pool = createWorkerPool<Omit<XlsxJob, "id">, XlsxAnswer>({
    ...options,
    module: "xlsx-worker",
    name: "the Excel writer",
    read: (answer) => ("xlsx" in answer ? answer.xlsx : answer),
    busy: (seconds) => new XlsxBusy(seconds),
  });
  return { write: (spec) => pool.run({ spec }), close: () => pool.close() };
}
