// The certificate PDF without a server: rendered from a snapshot, parsed back (text and QR code,
// decoded from the rendered page), one A4 page, and the same bytes for the same certificate.
import {
  certificateRows,
  chineseDate,
  formatHours,
  renderCertificatePdf,
} from "../../gateway/render/certificate-pdf";
import { readPdf } from "../helpers/pdf";

const certificate = {
  number: "SZZYFWZM-2026-000042",
  volunteerName: "欧阳晓梅",
  hours: 37.5,
  activityCount: 9,
  categoryNames: ["融资", "法律"],
  summary:
    "参加志愿服务活动 9 次（2025-04-01 至 2026-02-10），累计服务 37.5 小时，服务类别：融资、法律",
  issuer: "深圳市中小企业志愿服务总队",
  issuedOn: "2026-03-05",
};
const verifyUrl = "https://sme.sz.gov.cn/certificates/verify/SZZYFWZM-2026-000042";

describe("certificate PDF", () => {
  it("formats hours and dates as a person writes them", () => {
    expect([formatHours(37.5), formatHours(12), formatHours(0.25)]).toEqual(["37.5", "12", "0.25"]);
    expect(chineseDate("2026-03-05")).toBe("2026年3月5日");
    expect(certificateRows(certificate).map(([label]) => label)).toEqual([
      "证明编号",
      "志愿者姓名",
      "累计服务时长",
      "服务活动次数",
      "服务类别",
      "服务概况",
      "出具单位",
      "出具日期",
    ]);
  });

  it("holds every field of the snapshot and a QR code of the verification URL", async () => {
    const pdf = await renderCertificatePdf(certificate, { verifyUrl });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const read = await readPdf(pdf);
    expect(read.pages).toBe(1);
    expect(read.title).toBe("志愿服务证明 SZZYFWZM-2026-000042");
    const text = read.text.replace(/\s+/g, "");
    for (const value of [
      "志愿服务证明",
      "SZZYFWZM-2026-000042",
      "欧阳晓梅",
      "37.5小时",
      "9次",
      "融资、法律",
      "深圳市中小企业志愿服务总队",
      "2026年3月5日",
    ])
      expect(text).toContain(value);
    expect(read.qr).toBe(verifyUrl);
  });

  it("prints the same certificate as the same bytes", async () => {
    const [a, b] = await Promise.all([
      renderCertificatePdf(certificate, { verifyUrl }),
      renderCertificatePdf(certificate, { verifyUrl }),
    ]);
    expect(a.equals(b)).toBe(true);
  });
});
