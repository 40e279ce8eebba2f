// The PDF renderer's worker threads (gateway/pdf-renderer.ts), without a server: a print in a
// thread is the same document as one rendered in place; with every thread busy and the queue
// full, a print is refused at once with a time to come back; a stopped renderer refuses.
import { createPdfRenderer, RendererBusy } from "../../gateway/pdf-renderer";
import { renderCertificatePdf } from "../../gateway/render/certificate-pdf";

const certificate = {
  number: "SZZYFWZM-2026-000077",
  volunteerName: "陈思远",
  hours: 12.5,
  activityCount: 4,
  categoryNames: ["法律"],
  summary: "参加志愿服务活动 4 次，累计服务 12.5 小时",
  issuer: "深圳市中小企业志愿服务总队",
  issuedOn: "2026-03-05",
};
const layout = { verifyUrl: "https://sme.example.cn/certificates/verify/SZZYFWZM-2026-000077" };

describe("the PDF renderer", () => {
  it("renders in a worker thread the document rendered in place", async () => {
    const renderer = createPdfRenderer({ workers: 1, queue: 4 });
    try {
      const [threaded, again] = await Promise.all([
        renderer.render(certificate, layout),
        renderer.render(certificate, layout),
      ]);
      const inPlace = await renderCertificatePdf(certificate, layout);
      expect(Buffer.isBuffer(threaded)).toBe(true);
      expect(threaded.equals(inPlace)).toBe(true);
      expect(again.equals(inPlace)).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it("refuses a print at once when every thread is busy and the queue is full", async () => {
    const renderer = createPdfRenderer({ workers: 1, queue: 1 });
    try {
      const running = renderer.render(certificate, layout);
      const queued = renderer.render(certificate, layout);
      const refused = await renderer.render(certificate, layout).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RendererBusy);
      expect((refused as RendererBusy).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((refused as RendererBusy).message).toMatch(/busy; try again in \d+ s/);
      await expect(running).resolves.toBeInstanceOf(Buffer);
      await expect(queued).resolves.toBeInstanceOf(Buffer);
      // Room again once they are done.
      await expect(renderer.render(certificate, layout)).resolves.toBeInstanceOf(Buffer);
    } finally {
      await renderer.close();
    }
  });

  it("fails the prints still waiting when stopped, and refuses new ones", async () => {
    const renderer = createPdfRenderer({ workers: 1, queue: 2 });
    const running = renderer.render(certificate, layout).catch((e: Error) => e);
    const waiting = renderer.render(certificate, layout).catch((e: Error) => e);
    await renderer.close();
    expect(await running).toBeInstanceOf(Error);
    expect(((await waiting) as Error).message).toMatch(/stopping/);
    await expect(renderer.render(certificate, layout)).rejects.toThrow(/stopped/);
  });
});
