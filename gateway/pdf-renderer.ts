// Certificate PDFs are rendered in worker threads (render/pdf-worker.ts), never on the gateway's
// event loop: a print costs a few hundred milliseconds of CPU (subsetting the Chinese font, the QR
// code), and ten at once on the event loop held every other client for seconds. The pool
// (worker-pool.ts): PDF_WORKERS threads, started at the first print; at most PDF_QUEUE prints wait
// for a free thread, and more are refused at once (RendererBusy, answered 503 with Retry-After).
import type { CertificateLayout, PrintableCertificate } from "./render/certificate-pdf";
import type { RenderAnswer, RenderJob } from "./render/pdf-worker";
import { createWorkerPool } from "./worker-pool";

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

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const pool = createWorkerPool<Omit<RenderJob, "id">, RenderAnswer>({
    ...options,
    module: "pdf-worker",
    name: "the PDF renderer",
    read: (answer) => ("pdf" in answer ? answer.pdf : answer),
    busy: (seconds) => new RendererBusy(seconds),
  });
  return {
    render: (certificate, layout) => pool.run({ certificate, layout }),
    close: () => pool.close(),
  };
}
