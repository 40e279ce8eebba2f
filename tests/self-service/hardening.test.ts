// What an adversarial review of self-service found, through the gateway (docs/self-service.md):
// parallel certificate requests issue one, applying under a registered ID number does not tell
// that it is registered, claimed hours keep two decimals, and corrections need a volunteer corps
// knows and are capped per volunteer.
import { today } from "../../runtime/dates";
import { Activity } from "../../subgraphs/districts/entities/activity.entity";
import { Participation } from "../../subgraphs/districts/entities/participation.entity";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, send } from "../helpers/graphql";
import { applicant, appoint, register } from "../corps/fixtures";

const OPEN_CAP = 3;
let fed: Federation;
beforeAll(async () => {
  fed = await bootFederation({ env: { RECORD_CORRECTIONS_OPEN_MAX: String(OPEN_CAP) } });
});
afterAll(() => fed?.stop());

let serial = 0;
/** An activity recorded by 440305, with the volunteer's hours there (none: not recorded). */
async function activity(volunteerId: string | null, hours = 4) {
  const db = fed.subgraphs.districts.db;
  serial += 1;
  const { identifiers } = await db.getRepository(Activity).insert({
    districtCode: "440305",
    externalId: `hardening-${serial}`,
    stationId: null,
    type: "ONLINE_CLINIC",
    category: "LEGAL",
    title: `法律线上义诊加固第${serial}期`,
    heldOn: today(),
    feeCharged: 0,
    enterprisesServed: 1,
  } as Activity);
  const activityId = String(identifiers[0].id);
  if (volunteerId)
    await db.getRepository(Participation).insert({
      activityId: Number(activityId),
      volunteerId: Number(volunteerId),
      hours,
      verified: true,
    });
  return activityId;
}

async function volunteer() {
  const { id } = await register(fed);
  await appoint(fed, id);
  return { id, token: await fed.token("VOLUNTEER", { volunteerId: id }) };
}

const askCertificate = (token: string) =>
  send<{ requestCertificate: { number: string; hours: number } }>(fed.gatewayUrl, {
    query: `mutation { requestCertificate { number hours } }`,
    token,
  });

async function certificateCount(volunteerId: string) {
  const [row] = await fed.subgraphs.corps.db.query(
    "SELECT COUNT(*) AS n FROM certificate WHERE volunteerId = ?",
    [Number(volunteerId)],
  );
  return Number(row.n);
}

const requestCorrection = (token: string, activityId: string, claimedHours = 3) =>
  send(fed.gatewayUrl, {
    query: contractOperation("RequestRecordCorrection"),
    variables: { input: { activityId, claimedHours, reason: "活动当天实际服务时长有误" } },
    token,
  });

async function correctionCount() {
  const [row] = await fed.subgraphs.districts.db.query(
    "SELECT COUNT(*) AS n FROM record_correction",
  );
  return Number(row.n);
}

describe("requestCertificate", () => {
  it("issues exactly one certificate for 20 parallel requests; the rest are CONFLICT", async () => {
    const v = await volunteer();
    await activity(v.id, 5);
    const answers = await Promise.all(Array.from({ length: 20 }, () => askCertificate(v.token)));
    const issued = answers.filter((a) => !a.errors);
    expect(issued).toHaveLength(1);
    expect(issued[0].data!.requestCertificate.hours).toBe(5);
    for (const refused of answers.filter((a) => a.errors)) {
      expect(refused.errors![0].extensions?.code).toBe("CONFLICT");
      expect(refused.errors![0].message).toMatch(/have not grown since certificate/);
    }
    expect(await certificateCount(v.id)).toBe(1);
  });

  it("is CONFLICT with no verified hours yet: there is nothing to certify", async () => {
    const v = await volunteer();
    const answer = await askCertificate(v.token);
    expect(answer.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(answer.errors?.[0].message).toMatch(/no verified service hours yet/);
    expect(await certificateCount(v.id)).toBe(0);
  });
});

describe("applyToCorps", () => {
  it("does not tell whether an ID number is registered", async () => {
    const { input } = await register(fed);
    const token = await fed.token("APPLICANT", { sub: "provider|hardening-squatter" });
    const answer = await send(fed.gatewayUrl, {
      query: `mutation ($input: VolunteerInput!) { applyToCorps(input: $input) { id } }`,
      variables: { input: applicant({ idNumber: input.idNumber }) },
      token,
    });
    expect(answer.errors?.[0].extensions?.code).toBe("CONFLICT");
    const message = answer.errors![0].message;
    expect(message).toMatch(/cannot be accepted as given; contact the corps office/);
    expect(message).not.toMatch(/ID number|registered/i);
    expect(message).not.toContain(input.idNumber.slice(-4));
    // The request id is a random UUID, which may hold the same four digits by chance.
    const { requestId, ...extensions } = answer.errors![0].extensions ?? {};
    expect(requestId).toEqual(expect.any(String));
    expect(JSON.stringify(extensions)).not.toContain(input.idNumber.slice(-4));
    const [row] = await fed.subgraphs.corps.db.query(
      "SELECT COUNT(*) AS n FROM volunteer WHERE identitySubject = ?",
      ["provider|hardening-squatter"],
    );
    expect(Number(row.n)).toBe(0);
  });
});

describe("requestRecordCorrection", () => {
  it("refuses claimed hours with more than two decimals, writing nothing", async () => {
    const v = await volunteer();
    const activityId = await activity(v.id);
    const before = await correctionCount();
    const answer = await requestCorrection(v.token, activityId, 3.33333);
    expect(answer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(answer.errors?.[0].message).toMatch(/claimedHours has at most two decimals/);
    expect(await correctionCount()).toBe(before);
    expect((await requestCorrection(v.token, activityId, 3.25)).errors).toBeUndefined();
  });

  it("refuses a volunteer id corps does not know, writing nothing", async () => {
    const activityId = await activity(null);
    const ghost = await fed.token("VOLUNTEER", { volunteerId: "999999" });
    const before = await correctionCount();
    const answer = await requestCorrection(ghost, activityId);
    expect(answer.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(await correctionCount()).toBe(before);
  });

  it(`caps a volunteer's open requests (RECORD_CORRECTIONS_OPEN_MAX=${OPEN_CAP})`, async () => {
    const v = await volunteer();
    for (let i = 0; i < OPEN_CAP; i++)
      expect((await requestCorrection(v.token, await activity(v.id))).errors).toBeUndefined();
    const before = await correctionCount();
    const answer = await requestCorrection(v.token, await activity(v.id));
    expect(answer.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(answer.errors?.[0].message).toMatch(/already have 3 open correction requests/);
    expect(await correctionCount()).toBe(before);
    // Another volunteer is not held back by it.
    const other = await volunteer();
    expect((await requestCorrection(other.token, await activity(other.id))).errors).toBeUndefined();
  });
});
