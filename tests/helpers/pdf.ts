// Parses a PDF in a child Node process (tests/helpers/read-pdf.mjs): its page count, title, text
// and the QR code decoded from the rendered first page.
import { execFile } from "node:child_process";
import path from "node:path";

export interface ReadPdf {
  pages: number;
  title: string | null;
  text: string;
  qr: string | null;
}

export function readPdf(pdf: Buffer): Promise<ReadPdf> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, "read-pdf.mjs")],
      { maxBuffer: 10 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`read-pdf failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ReadPdf);
      },
    );
    child.stdin!.end(pdf);
  });
}
