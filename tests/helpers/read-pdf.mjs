// Reads a PDF back as a person would: its text (pdf-parse, pdf.js underneath) and the QR code on
// its first page, rendered at twice the size and decoded with jsQR. Run as a plain Node process
// (pdf.js loads its worker with a dynamic import, which Jest's module system does not run): the
// PDF comes on standard input, the answer goes out as JSON.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import jsQR from "jsqr";
import { PDFParse } from "pdf-parse";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  const info = await parser.getInfo();
  const text = await parser.getText();
  const shot = await parser.getScreenshot({ scale: 2, partial: [1] });
  const image = await loadImage(Buffer.from(shot.pages[0].data));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height);
  const qr = jsQR(pixels.data, pixels.width, pixels.height);
  process.stdout.write(
    JSON.stringify({
      pages: info.total,
      title: info.info?.Title ?? null,
      text: text.pages.map((p) => p.text).join("\n"),
      qr: qr?.data ?? null,
    }),
  );
} finally {
  await parser.destroy();
}
