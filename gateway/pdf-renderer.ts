// Certificate PDFs are rendered in worker threads (render/pdf-worker.ts), never on the gateway's
// event loop: a print costs a few hundred milliseconds of CPU (subsetting the Chinese font, the QR
// code), and ten at once on the event loop held every other client for seconds. A fixed pool of
// PDF_WORKERS threads, started at the first print, each rendering one certificate at a time;
// at most PDF_QUEUE prints wait for a free thread, and more are refused at once (RendererBusy,
// answered 503 with Retry-After) rather than queued without end. A thread that fails is replaced.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CertificateLayout, PrintableCertificate } from "./render/certificate-pdf";
import type { RenderAnswer, RenderJob } from "./render/pdf-worker";

export interface PdfRendererOptions {
  /** Threads (config.clinic.pdfWorkers). */
  workers: number;
  /** Prints that may wait for a thread (config.clinic.pdfQueue). */
  queue: number;
}

export interface PdfRenderer {
  render(certificate: PrintableCertificate, layout: CertificateLayout): Promise<Buffer>;
  /** Stops the threads; prints still waiting fail. */
  close(): Promise<void>;
}

/** Every thread is busy and the queue is full: try again in `retryAfterSeconds`. */
export class RendererBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`every certificate printer is busy; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * The worker's module beside this one: compiled JavaScript in dist/, or, when the TypeScript
 * sources run (the tests), the .ts file compiled on load by the tests' SWC hook.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, "render", `pdf-worker${ext}`);
  if (ext !== ".ts") return { file, execArgv: [] };
  const swc = path.join(__dirname, "..", "tests", "helpers", "swc-register.js");
  return { file, execArgv: ["--require", swc] };
}

interface Job extends RenderJob {
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker?: Worker;
  job?: Job & { started: number };
}

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({}));
  const waiting: Job[] = [];
  let nextId = 0;
  let closed = false;
  /** A running average of one render's time, for Retry-After. */
  let averageMs = 500;

  function finish(slot: Slot, outcome: { pdf: Buffer } | { error: Error }) {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    averageMs = 0.8 * averageMs + 0.2 * (performance.now() - job.started);
    if ("pdf" in outcome) job.resolve(outcome.pdf);
    else job.reject(outcome.error);
    dispatch();
  }

  function start(slot: Slot): Worker {
    const { file, execArgv } = workerEntry();
    const worker = new Worker(file, { execArgv });
    // Idle threads do not keep the process alive; close() stops them with the gateway.
    worker.unref();
    worker.on("message", (answer: RenderAnswer) => {
      if (answer.id !== slot.job?.id) return;
      finish(
        slot,
        "pdf" in answer
          ? { pdf: Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength) }
          : { error: new Error(`certificate rendering failed: ${answer.error}`) },
      );
    });
    const lost = (reason: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      finish(slot, { error: new Error(`the PDF worker stopped: ${reason}`) });
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
      slot.worker.postMessage({
        id: job.id,
        certificate: job.certificate,
        layout: job.layout,
      } satisfies RenderJob);
    }
  }

  return {
    render(certificate, layout) {
      if (closed) return Promise.reject(new Error("the PDF renderer is stopped"));
      const busy = slots.filter((s) => s.job).length;
      if (busy === slots.length && waiting.length >= options.queue) {
        const ahead = (busy + waiting.length) / slots.length;
        return Promise.reject(new RendererBusy(Math.max(1, Math.ceil((ahead * averageMs) / 1000))));
      }
      return new Promise<Buffer>((resolve, reject) => {
        waiting.push({ id: nextId++, certificate, layout, resolve, reject });
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
