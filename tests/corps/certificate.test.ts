// Service certificates: hours cross subgraphs. A volunteer registered and appointed in corps serves
// at activities held in districts; the certificate carries exactly the hours districts verified, read
// at issue time through the gateway, and anyone can check it by its number.
import { today } from "../../runtime/dates";
import { Activity } from "../../subgraphs/districts/entities/activity.entity";
import { Participation } from "../../subgraphs/districts/entities/participation.entity";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError, send } from "../helpers/graphql";
import { applicant, appoint, corpsCounts, register } from "./fixtures";

type Certificate = {
  number: string;
  hours: number;
  activityCount: number;
  categories: string[];
  volunteer: unknown;
};

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

let externalSerial = 0;

/**
 * Records a volunteer's service in districts. The districts publish mutations (publishActivities) are
 * being built on another branch, so this writes the Activity and Participation rows straight into
 * the districts subgraph's database, as a published and verified activity would leave them.
 */
async function serve(volunteerId: string, hours: number, activity: Record<string, unknown> = {}) {
  const db = fed.subgraphs.districts.db;
  externalSerial += 1;
  const { identifiers } = await db.getRepository(Activity).insert({
    districtCode: "440305",
    externalId: `corps-test-${externalSerial}`,
    stationId: null,
    type: "ONLINE_CLINIC",
    category: "FINANCING",
    title: `融资线上义诊第${externalSerial}期`,
    heldOn: today(),
    feeCharged: 0,
    enterprisesServed: 3,
    ...activity,
  } as Activity);
  const activityId = Number(identifiers[0].id);
  await db
    .getRepository(Participation)
    .insert({ activityId, volunteerId: Number(volunteerId), hours, verified: true });
  return activityId;
}

async function certificateCount(volunteerId?: string) {
  const db = fed.subgraphs.corps.db;
  const [row] = volunteerId
    ? await db.query("SELECT COUNT(*) AS n FROM certificate WHERE volunteerId = ?", [
        Number(volunteerId),
      ])
    : await db.query("SELECT COUNT(*) AS n FROM certificate");
  return Number(row.n);
}

const issue = (volunteerId: string, token = admin) =>
  execute<{ issueCertificate: Certificate }>(fed.gatewayUrl, {
    query: contractOperation("IssueCertificate"),
    variables: { volunteerId },
    token,
  });

describe("from recruitment to certificate", () => {
  it("register → appoint → serve in districts → hours appear → certificate with exactly those hours → public check", async () => {
    // 1. Recruitment and appointment in corps.
    const { id, input } = await register(fed, applicant({ name: "欧阳明远", branchId: "3" }));
    const appointed = await appoint(fed, id);
    expect(appointed.status).toBe("APPOINTED");

    // 2. Service in districts (rows written directly: see serve()).
    const a1 = await serve(id, 2.5, {
      title: "企业融资一对一咨询",
      category: "FINANCING",
      type: "CONSULTATION",
    });
    const a2 = await serve(id, 4, { title: "政策解读沙龙", category: "POLICY", type: "SALON" });

    // 3. The hours appear on the volunteer, joined from districts by the gateway.
    const volunteer = await execute<{
      volunteer: { serviceHours: number; activities: Array<{ id: string }> };
    }>(fed.gatewayUrl, {
      query: contractOperation("Volunteer"),
      variables: { id },
      token: admin,
    });
    expect(volunteer.volunteer.serviceHours).toBe(6.5);
    expect(volunteer.volunteer.activities.map((a) => Number(a.id)).sort()).toEqual([a1, a2].sort());
    expect(volunteer.volunteer.activities[0]).toMatchObject({ station: null, heldOn: today() });

    // 4. The certificate carries exactly those hours.
    const year = today().slice(0, 4);
    const { issueCertificate: certificate } = await issue(id);
    expect(certificate).toEqual({
      number: expect.stringMatching(new RegExp(`^SZZYFWZM-${year}-\\d{6}$`)),
      hours: 6.5,
      issuedOn: today(),
      volunteer: { id, name: input.name },
    });

    // The snapshot row: name, hours, summary of the service, issuer.
    const [row] = await fed.subgraphs.corps.db.query("SELECT * FROM certificate WHERE number = ?", [
      certificate.number,
    ]);
    expect({
      ...row,
      hours: Number(row.hours),
      activityCount: Number(row.activityCount),
      issuedOn: String(row.issuedOn).slice(0, 10),
    }).toMatchObject({
      volunteerId: Number(id),
      volunteerName: "欧阳明远",
      hours: 6.5,
      activityCount: 2,
      categories: "FINANCING,POLICY",
      issuer: "深圳市中小企业志愿服务总队",
      issuedOn: today(),
      actor: "test-city_admin",
    });
    expect(row.summary).toContain("参加志愿服务活动 2 次");
    expect(row.summary).toContain("累计服务 6.5 小时");
    expect(row.summary).toContain("服务类别：融资、政策");

    // 5. Anyone can check it: no token, name masked.
    const check = await execute<{ verifyCertificate: Certificate }>(fed.gatewayUrl, {
      query: contractOperation("VerifyCertificate"),
      variables: { number: certificate.number },
    });
    expect(check.verifyCertificate).toEqual({
      number: certificate.number,
      volunteerName: "欧***",
      hours: 6.5,
      issuedOn: today(),
      issuer: "深圳市中小企业志愿服务总队",
    });

    // A later activity does not change an issued certificate; the next one counts it.
    await serve(id, 1.25);
    const again = await execute<{ verifyCertificate: Certificate }>(fed.gatewayUrl, {
      query: contractOperation("VerifyCertificate"),
      variables: { number: certificate.number },
    });
    expect(again.verifyCertificate.hours).toBe(6.5);
    const second = (await issue(id)).issueCertificate;
    expect(second.hours).toBe(7.75);
    expect(Number(second.number.slice(-6))).toBe(Number(certificate.number.slice(-6)) + 1);

    // The volunteer lists its certificates, newest first.
    const listed = await execute<{ volunteer: { certificates: Certificate[] } }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { volunteer(id: $id) { certificates { number hours activityCount categories summary issuer } } }`,
      variables: { id },
      token: admin,
    });
    expect(listed.volunteer.certificates.map((c) => [c.number, c.hours, c.activityCount])).toEqual([
      [second.number, 7.75, 3],
      [certificate.number, 6.5, 2],
    ]);
    expect(listed.volunteer.certificates[1].categories).toEqual(["FINANCING", "POLICY"]);
  });

  it("a demo volunteer's certificate carries the demo hours", async () => {
    const v = fed.demo.volunteers.find(
      (x) =>
        x.status === "APPOINTED" &&
        fed.demo.activities.some((a) => a.participants.some((p) => p.volunteerId === x.id)),
    )!;
    const hours = fed.demo.activities
      .flatMap((a) => a.participants)
      .filter((p) => p.volunteerId === v.id)
      .reduce((s, p) => s + p.hours, 0);
    const certificate = (await issue(String(v.id))).issueCertificate;
    expect(certificate.hours).toBeCloseTo(hours, 2);
    expect(certificate.volunteer).toEqual({ id: String(v.id), name: v.name });
  });
});

describe("refusals", () => {
  it("no verified hours: BAD_USER_INPUT, no certificate", async () => {
    const { id } = await register(fed);
    await appoint(fed, id);
    const before = await corpsCounts(fed);
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("IssueCertificate"),
        variables: { volunteerId: id },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    expect(response.errors![0].message).toMatch(/no verified service hours yet/);
    expect(await corpsCounts(fed)).toEqual(before);
  });

  it("unverified participation does not count", async () => {
    const { id } = await register(fed);
    await appoint(fed, id);
    const activityId = await serve(id, 3);
    await fed.subgraphs.districts.db
      .getRepository(Participation)
      .update({ activityId }, { verified: false });
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("IssueCertificate"),
        variables: { volunteerId: id },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    expect(await certificateCount(id)).toBe(0);
  });

  it("an APPLIED volunteer (never appointed): CONFLICT, no certificate", async () => {
    const { id } = await register(fed);
    await serve(id, 2);
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("IssueCertificate"),
        variables: { volunteerId: id },
        token: admin,
      },
      "CONFLICT",
    );
    expect(response.errors![0].message).toMatch(/is APPLIED/);
    expect(await certificateCount(id)).toBe(0);
  });

  it("suspended and withdrawn volunteers keep the hours they served", async () => {
    for (const mutation of [
      `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "暂停") { status } }`,
      `mutation ($id: ID!) { withdrawVolunteer(id: $id, reason: "退出") { status } }`,
    ]) {
      const { id } = await register(fed);
      await appoint(fed, id);
      await serve(id, 3);
      await execute(fed.gatewayUrl, { query: mutation, variables: { id }, token: admin });
      expect((await issue(id)).issueCertificate.hours).toBe(3);
    }
  });

  it("districts unreachable through the gateway: refused with CONFLICT, nothing written", async () => {
    const { id } = await register(fed);
    await appoint(fed, id);
    await serve(id, 5);
    const gatewayUrl = fed.config.servers.gatewayUrl;
    const before = await corpsCounts(fed);
    fed.config.servers.gatewayUrl = "http://127.0.0.1:9/graphql"; // nothing listens there
    try {
      const response = await executeExpectingError(
        fed.gatewayUrl,
        {
          query: contractOperation("IssueCertificate"),
          variables: { volunteerId: id },
          token: admin,
        },
        "CONFLICT",
      );
      expect(response.errors![0].message).toMatch(
        /cannot verify .* service hours.*no certificate was issued/,
      );
    } finally {
      fed.config.servers.gatewayUrl = gatewayUrl;
    }
    expect(await corpsCounts(fed)).toEqual(before);
    expect(await certificateCount(id)).toBe(0);
    // Reachable again: issued.
    expect((await issue(id)).issueCertificate.hours).toBe(5);
  });

  it("unknown volunteer NOT_FOUND; only CITY_ADMIN issues", async () => {
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("IssueCertificate"),
        variables: { volunteerId: "999999" },
        token: admin,
      },
      "NOT_FOUND",
    );
    const { id } = await register(fed);
    await appoint(fed, id);
    await serve(id, 1);
    const request = {
      query: contractOperation("IssueCertificate"),
      variables: { volunteerId: id },
    };
    await executeExpectingError(fed.gatewayUrl, request, "UNAUTHENTICATED");
    for (const role of ["DASHBOARD_VIEWER", "PUBLICITY_EDITOR", "SERVICE"] as const) {
      await executeExpectingError(
        fed.gatewayUrl,
        { ...request, token: await fed.token(role) },
        "FORBIDDEN",
      );
    }
    expect(await certificateCount(id)).toBe(0);
  });
});

describe("verifyCertificate", () => {
  it("is null for an unknown number, with or without a token", async () => {
    const query = contractOperation("VerifyCertificate");
    expect(
      (
        await execute<{ verifyCertificate: unknown }>(fed.gatewayUrl, {
          query,
          variables: { number: "SZZYFWZM-1999-000001" },
        })
      ).verifyCertificate,
    ).toBeNull();
    expect(
      (
        await execute<{ verifyCertificate: unknown }>(fed.gatewayUrl, {
          query,
          variables: { number: "nonsense" },
          token: admin,
        })
      ).verifyCertificate,
    ).toBeNull();
  });

  it("masks a two-character name as its first character and one star", async () => {
    const { id } = await register(fed, applicant({ name: "王芳" }));
    await appoint(fed, id);
    await serve(id, 2);
    const { number } = (await issue(id)).issueCertificate;
    const data = await send<{ verifyCertificate: unknown }>(fed.gatewayUrl, {
      query: contractOperation("VerifyCertificate"),
      variables: { number: number.toLowerCase() },
    });
    expect(data.errors).toBeUndefined();
    expect(data.data!.verifyCertificate).toMatchObject({ number, volunteerName: "王*", hours: 2 });
  });
});
