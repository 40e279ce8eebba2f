// GET /certificates/<number>.pdf on the gateway: the corps office prints a stored certificate as an
// A4 PDF, parsed back here (text, and the QR code decoded from the rendered page); nobody else may;
// the QR code opens GET /certificates/verify/<number>, the public check with the name masked.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";
import { readPdf } from "../helpers/pdf";

let fed: Federation;
let admin: string;
let certificate: { number: string; hours: number; volunteerName: string; activityCount: number };
const VERIFY = "https://sme.example.cn/certificates/verify/{number}";

beforeAll(async () => {
  fed = await bootFederation({ env: { CERTIFICATE_VERIFY_URL: VERIFY } });
  admin = await fed.token("CITY_ADMIN");
  const serving = new Set(
    fed.demo.volunteers.filter((v) => v.status === "APPOINTED").map((v) => v.id),
  );
  const served = fed.demo.activities
    .flatMap((a) => a.participants.map((p) => p.volunteerId))
    .find((id) => serving.has(id))!;
  const data = await execute(fed.gatewayUrl, {
    query: contractOperation("IssueCertificate"),
    variables: { volunteerId: String(served) },
    token: admin,
  });
  const stored = await execute(fed.gatewayUrl, {
    query: `query ($n: String!) { certificate(number: $n) { number hours volunteerName activityCount } }`,
    variables: { n: data.issueCertificate.number },
    token: admin,
  });
  certificate = stored.certificate;
});
afterAll(() => fed?.stop());

const pdfUrl = (number: string) => `${fed.gatewayOrigin}/certificates/${number}.pdf`;
const get = (url: string, token?: string) =>
  fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("GET /certificates/<number>.pdf", () => {
  it("prints the certificate for the corps office: number, hours and a QR code to verify", async () => {
    const response = await get(pdfUrl(certificate.number), admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="${certificate.number}.pdf"`,
    );
    const read = await readPdf(Buffer.from(await response.arrayBuffer()));
    expect(read.pages).toBe(1);
    const text = read.text.replace(/\s+/g, "");
    expect(text).toContain(certificate.number);
    expect(text).toContain(`${certificate.hours}小时`);
    expect(text).toContain(`${certificate.activityCount}次`);
    expect(text).toContain(certificate.volunteerName);
    expect(read.qr).toBe(VERIFY.replace("{number}", certificate.number));
  });

  it("takes the number in any case", async () => {
    const response = await get(pdfUrl(certificate.number.toLowerCase()), admin);
    expect(response.status).toBe(200);
  });

  it("prints for the corps' own service too, and for nobody else", async () => {
    const corps = await fed.token("SERVICE" as never, { sub: "service:corps" });
    expect((await get(pdfUrl(certificate.number), corps)).status).toBe(200);
    const anonymous = await get(pdfUrl(certificate.number));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    for (const token of [
      await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
      await fed.token("DASHBOARD_VIEWER"),
      await fed.token("SERVICE" as never, { sub: "service:districts" }),
    ]) {
      const refused = await get(pdfUrl(certificate.number), token);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe("FORBIDDEN");
    }
    const forged = await get(pdfUrl(certificate.number), "not-a-token");
    expect(forged.status).toBe(401);
  });

  it("answers 404 for an unknown number and a path that is no certificate", async () => {
    const unknown = await get(pdfUrl("SZZYFWZM-2000-999999"), admin);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).errors[0]).toMatchObject({
      message: "there is no certificate SZZYFWZM-2000-999999",
      extensions: { code: "NOT_FOUND" },
    });
    const notPdf = await get(`${fed.gatewayOrigin}/certificates/${certificate.number}.txt`, admin);
    expect(notPdf.status).toBe(404);
    expect(((await notPdf.json()) as any).errors[0].extensions.code).toBe("ROUTE_NOT_FOUND");
  });
});

describe("GET /certificates/verify/<number>", () => {
  it("shows the public check with the name masked", async () => {
    const response = await get(`${fed.gatewayOrigin}/certificates/verify/${certificate.number}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    expect(page).toContain("该志愿服务证明真实有效");
    expect(page).toContain(certificate.number);
    expect(page).toContain(`${certificate.hours} 小时`);
    expect(page).not.toContain(certificate.volunteerName);
    expect(page).toContain(`${[...certificate.volunteerName][0]}*`);
  });

  it("says so, with 404, when no certificate has the number; markup in it is escaped", async () => {
    const response = await get(
      `${fed.gatewayOrigin}/certificates/verify/${encodeURIComponent("<b>X</b>")}`,
    );
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).toContain("未找到编号为 &lt;B&gt;X&lt;/B&gt; 的志愿服务证明");
    expect(page).not.toContain("<B>");
  });

  it("answers a number the hub refuses (a NUL in it) 400, not as the hub being unavailable", async () => {
    const response = await get(`${fed.gatewayOrigin}/certificates/verify/%00`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /^证明编号无效 \(this is not a certificate number: .*control character/,
    );
  });
});
