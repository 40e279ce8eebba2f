// A worker thread of the workbook writer (gateway/xlsx-writer.ts): writes one workbook at a time
// with runtime/xlsx/workbook.ts and posts the bytes back. A city-wide report of every station is
// a second or more of CPU, which here holds no one else's request.
import { parentPort } from "node:worker_threads";
import { writeWorkbook, type WorkbookSpec } from "../../runtime/xlsx/workbook";

export interface XlsxJob {
  id: number;
  spec: WorkbookSpec;
}

export type XlsxAnswer = { id: number; xlsx: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("xlsx-worker runs as a worker thread of the gateway's workbook writer");

port.on("message", (job: XlsxJob) => {
  writeWorkbook(job.spec).then(
    (xlsx) => port.postMessage({ id: job.id, xlsx } satisfies XlsxAnswer),
    (error: unknown) =>
      port.postMessage({ id: job.id, error: (error as Error)?.message ?? String(error) }),
  );
});
