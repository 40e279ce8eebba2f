// A worker thread of the PDF renderer (gateway/pdf-renderer.ts): renders one certificate at a time
// with render/certificate-pdf.ts and posts the bytes back. Font subsetting and the QR code are
// CPU work of a few hundred milliseconds a print, which here holds no one else's request.
import { parentPort } from "node:worker_threads";
import {
  renderCertificatePdf,
  type CertificateLayout,
  type PrintableCertificate,
} from "./certificate-pdf";

export interface RenderJob {
  id: number;
  certificate: PrintableCertificate;
  layout: CertificateLayout;
}

export type RenderAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("pdf-worker runs as a worker thread of the gateway's PDF renderer");

port.on("message", (job: RenderJob) => {
  renderCertificatePdf(job.certificate, job.layout).then(
    (pdf) => port.postMessage({ id: job.id, pdf } satisfies RenderAnswer),
    (error: unknown) =>
      port.postMessage({ id: job.id, error: (error as Error)?.message ?? String(error) }),
  );
});
