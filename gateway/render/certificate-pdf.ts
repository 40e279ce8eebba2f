// A service certificate (志愿服务证明) as an A4 PDF in Chinese: every field of the stored snapshot
// and a QR code of its public verification URL. Pure data → bytes, with kept libraries: pdfkit for
// the document, qrcode for the code, and Noto Sans Hans (SIL OFL 1.1, the @embedpdf/fonts-sc
// package), embedded as a subset of the glyphs used, so it prints the same on a bare machine.
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

export interface PrintableCertificate {
  number: string;
  volunteerName: string;
  hours: number;
  activityCount: number;
  /** The categories' Chinese names (政策, 融资, ...). */
  categoryNames: string[];
  summary: string;
  issuer: string;
  /** YYYY-MM-DD, a Shenzhen date. */
  issuedOn: string;
}

export interface CertificateLayout {
  /** The public verification page of this certificate: what the QR code holds. */
  verifyUrl: string;
}

/** The fonts' folder in the package (its exports name only the entry module, so go from there). */
const FONT_DIR = path.join(path.dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts");
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, "NotoSansHans-Regular.otf")),
    bold: fs.readFileSync(path.join(FONT_DIR, "NotoSansHans-Bold.otf")),
  };
  return fonts;
}

/** 12.5 → "12.5", 12 → "12": hours as a person writes them. */
export const formatHours = (hours: number) => String(Math.round(hours * 100) / 100);

/** 2026-03-05 → 2026年3月5日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** The rows of the certificate's table: label and value, in print order. */
export function certificateRows(c: PrintableCertificate): Array<[string, string]> {
  return [
    ["证明编号", c.number],
    ["志愿者姓名", c.volunteerName],
    ["累计服务时长", `${formatHours(c.hours)} 小时`],
    ["服务活动次数", `${c.activityCount} 次`],
    ["服务类别", c.categoryNames.length ? c.categoryNames.join("、") : "—"],
    ["服务概况", c.summary],
    ["出具单位", c.issuer],
    ["出具日期", `${chineseDate(c.issuedOn)}（${c.issuedOn}）`],
  ];
}

/** The QR code of the verification URL, as a PNG (medium error correction, a quiet zone). */
export const qrPng = (url: string) =>
  QRCode.toBuffer(url, { errorCorrectionLevel: "M", margin: 2, scale: 8, type: "png" });

export async function renderCertificatePdf(
  certificate: PrintableCertificate,
  layout: CertificateLayout,
): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const qr = await qrPng(layout.verifyUrl);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 72, bottom: 30, left: 72, right: 72 },
    info: {
      Title: `志愿服务证明 ${certificate.number}`,
      Author: certificate.issuer,
      Subject: "志愿服务证明",
      // The issue date, not the time of printing: the same certificate prints the same document.
      CreationDate: new Date(`${certificate.issuedOn}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const width = doc.page.width - 144;

  // Frame, title and the sentence that certifies.
  doc
    .lineWidth(2)
    .rect(40, 40, doc.page.width - 80, doc.page.height - 80)
    .stroke("#9b1c1c");
  doc.font("bold").fontSize(30).fillColor("#9b1c1c").text("志愿服务证明", { align: "center" });
  doc.moveDown(0.3).font("regular").fontSize(11).fillColor("#444444");
  doc.text(`编号：${certificate.number}`, { align: "center" });
  doc.moveDown(1.5).fontSize(14).fillColor("#000000");
  doc.text(
    `兹证明 ${certificate.volunteerName} 同志参加深圳市中小企业志愿服务，` +
      `累计志愿服务 ${formatHours(certificate.hours)} 小时，参加服务活动 ${certificate.activityCount} 次。`,
    { width, lineGap: 6, indent: 28 },
  );
  doc.moveDown(1.2);

  // Every field of the snapshot, as a two-column table.
  const labelWidth = 110;
  for (const [label, value] of certificateRows(certificate)) {
    const top = doc.y;
    doc.font("bold").fontSize(11).text(label, 72, top, { width: labelWidth });
    doc
      .font("regular")
      .text(value, 72 + labelWidth, top, { width: width - labelWidth, lineGap: 3 });
    const bottom = Math.max(doc.y, top + 16) + 6;
    doc
      .lineWidth(0.5)
      .moveTo(72, bottom - 3)
      .lineTo(72 + width, bottom - 3)
      .stroke("#cccccc");
    doc.y = bottom;
  }

  // The QR code of the public verification, and the issuer's signature block.
  const qrSize = 120;
  const qrTop = doc.page.height - 60 - qrSize - 40;
  doc.image(qr, 72, qrTop, { width: qrSize, height: qrSize });
  doc.font("regular").fontSize(9).fillColor("#444444");
  doc.text("扫码核验证明真伪", 72, qrTop + qrSize + 4, { width: qrSize, align: "center" });
  doc.text(layout.verifyUrl, 72, qrTop + qrSize + 18, { width: width, lineBreak: true });
  doc.font("bold").fontSize(13).fillColor("#000000");
  doc.text(certificate.issuer, 72, qrTop + 30, { width, align: "right" });
  doc
    .font("regular")
    .fontSize(12)
    .text(chineseDate(certificate.issuedOn), 72, qrTop + 56, {
      width,
      align: "right",
    });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
