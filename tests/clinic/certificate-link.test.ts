// Issue 24, item 4: a printed certificate verified someone else. Its QR code pointed at
// http://localhost:4000 whatever PORT was, so with this hub on another port and a second hub on
// 4000, scanning it opened the other hub's page for another person. Here the gateway runs on a port
// that is not the default, with neither PUBLIC_URL nor CERTIFICATE_VERIFY_URL set: the QR code
// decoded from the printed PDF, the link printed under it and the feed's self link all name that
// port, and the page the QR code opens confirms this very certificate.
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";
import { readPdf } from "../helpers/pdf";
import { freePort } from "../../tools/start-checks";

let fed: Federation;
let port: number;
let certificate: { number: string; hours: number; volunteerName: string };

beforeAll(async () => {
  port = await freePort();
  // Unset, whatever this test run's environment says: the defaults are what is tested.
  const unset = { PUBLIC_URL: "", CERTIFICATE_VERIFY_URL: "", HOST: "" };
  fed = await bootFederation({ gatewayPort: port, env: unset });
  const admin = await fed.token("CITY_ADMIN");
  const serving = new Set(
    fed.demo.volunteers.filter((v) => v.status === "APPOINTED").map((v) => v.id),
  );
  const served = fed.demo.activities
    .flatMap((a) => a.participants.map((p) => p.volunteerId))
    .find((id) => serving.has(id))!;
  const issued = await execute<{ issueCertificate: { number: string } }>(fed.gatewayUrl, {
    query: contractOperation("IssueCertificate"),
    variables: { volunteerId: String(served) },
    token: admin,
  });
  const stored = await execute<{ certificate: typeof certificate }>(fed.gatewayUrl, {
    query: `query ($n: String!) { certificate(number: $n) { number hours volunteerName } }`,
    variables: { n: issued.issueCertificate.number },
    token: admin,
  });
  certificate = stored.certificate;
});
afterAll(() => fed?.stop());

describe("with the gateway on a port of its own and PUBLIC_URL unset", () => {
  it("prints a QR code and a link to this hub's verification page, on that port", async () => {
    expect(port).not.toBe(4000);
    const admin = await fed.token("CITY_ADMIN");
    const response = await fetch(`${fed.gatewayOrigin}/certificates/${certificate.number}.pdf`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    const read = await readPdf(Buffer.from(await response.arrayBuffer()));
    const expected = `http://localhost:${port}/certificates/verify/${certificate.number}`;
    expect(read.qr).toBe(expected);
    expect(read.text.replace(/\s+/g, "")).toContain(expected);

    // Scanning it: the page confirms this certificate, for this person and these hours.
    const page = await fetch(read.qr!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("该志愿服务证明真实有效");
    expect(html).toContain(certificate.number);
    expect(html).toContain(`${certificate.hours} 小时`);
    expect(html).toContain(`${[...certificate.volunteerName][0]}*`);
  });

  it("links the feed from the same address", async () => {
    const response = await fetch(`${fed.gatewayOrigin}/feeds/stories.xml`);
    expect(response.status).toBe(200);
    const self = /<link[^>]*rel="self"[^>]*>/.exec(await response.text())?.[0];
    expect(self).toContain(`href="http://localhost:${port}/feeds/stories.xml"`);
  });
});
