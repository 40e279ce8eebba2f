// A volunteer's own record through the gateway (docs/self-service.md): hours that count under
// rule 3, stars, certificates it asks for and downloads, corrections decided by the district that
// recorded the activity, and the log of who saw its unmasked personal data.
import { daysFromToday, today } from "../../runtime/dates";
import { Activity } from "../../subgraphs/districts/entities/activity.entity";
import { Participation } from "../../subgraphs/districts/entities/participation.entity";
import { PersonalDataAccess } from "../../subgraphs/corps/entities/personal-data-access.entity";
import { purgeAccessLog } from "../../subgraphs/corps/services/personal-data-access.service";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError, send } from "../helpers/graphql";
import { appoint, register } from "../corps/fixtures";

type VolunteerRecord = {
  serviceHours: number;
  activities: unknown[];
  certificates: unknown[];
  recordCorrections: unknown[];
  personalDataAccess: { totalCount: number; nodes: Array<{ field: string; actorRole: string }> };
};
type Queue = { openRecordCorrections: { nodes: Array<{ id: string }> } };

let fed: Federation;
let admin: string;
let operator: string; // 440305's operator: the district that records the activities here
let otherOperator: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  operator = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
  otherOperator = await fed.token("DISTRICT_OPERATOR", { district: "440304" });
});
afterAll(() => fed?.stop());

let serial = 0;
/** An activity recorded by 440305, with the volunteer's hours there (none: not recorded). */
async function activity(volunteerId: string | null, hours: number, verified = true) {
  const db = fed.subgraphs.districts.db;
  serial += 1;
  const { identifiers } = await db.getRepository(Activity).insert({
    districtCode: "440305",
    externalId: `self-service-${serial}`,
    stationId: null,
    type: "ONLINE_CLINIC",
    category: "LEGAL",
    title: `法律线上义诊第${serial}期`,
    heldOn: today(),
    feeCharged: 0,
    enterprisesServed: 2,
  } as Activity);
  const activityId = String(identifiers[0].id);
  if (volunteerId)
    await db.getRepository(Participation).insert({
      activityId: Number(activityId),
      volunteerId: Number(volunteerId),
      hours,
      verified,
    });
  return activityId;
}

/** A fresh appointed volunteer and its token. */
async function volunteer() {
  const { id } = await register(fed);
  await appoint(fed, id);
  return { id, token: await fed.token("VOLUNTEER", { volunteerId: id }) };
}

const record = async (token: string) =>
  (
    await execute<{ myVolunteerRecord: VolunteerRecord }>(fed.gatewayUrl, {
      query: contractOperation("MyVolunteerRecord"),
      token,
    })
  ).myVolunteerRecord;

const requestCorrection = (token: string, activityId: string, claimedHours: number) =>
  send<{ requestRecordCorrection: { id: string; status: string } }>(fed.gatewayUrl, {
    query: contractOperation("RequestRecordCorrection"),
    variables: { input: { activityId, claimedHours, reason: "活动当天实际服务时长有误" } },
    token,
  });

const decide = (token: string, id: string, accept: boolean, comment = "已核实签到表") =>
  send<{ decideRecordCorrection: { status: string } }>(fed.gatewayUrl, {
    query: contractOperation("DecideRecordCorrection"),
    variables: { id, accept, comment },
    token,
  });

async function hoursAt(activityId: string, volunteerId: string) {
  const row = await fed.subgraphs.districts.db
    .getRepository(Participation)
    .findOneBy({ activityId: Number(activityId), volunteerId: Number(volunteerId) });
  return row ? { hours: row.hours, verified: row.verified } : null;
}

describe("myVolunteerRecord", () => {
  it("gives the volunteer its counted hours, activities, stars and certificates; null to anyone else", async () => {
    const v = await volunteer();
    await activity(v.id, 100);
    await activity(v.id, 20, false); // not verified under rule 3: listed, never counted
    const mine = await record(v.token);
    expect(mine).toMatchObject({
      id: v.id,
      status: "APPOINTED",
      serviceHours: 100,
      starLevel: 1,
      hoursToNextStar: 200,
      certificates: [],
      recordCorrections: [],
      personalDataAccess: { totalCount: 0, nodes: [] },
    });
    expect(mine.activities).toHaveLength(1);
    const entries = await execute<{
      myVolunteerRecord: { serviceRecord: Array<{ hours: number }> };
    }>(fed.gatewayUrl, {
      query: `{ myVolunteerRecord { serviceRecord { hours counted activity { id } } } }`,
      token: v.token,
    });
    expect(
      entries.myVolunteerRecord.serviceRecord.map((e: { hours: number }) => e.hours).sort(),
    ).toEqual([100, 20]);
    for (const token of [
      admin,
      operator,
      await fed.token("ENTERPRISE", { creditCode: fed.demo.demands[0].creditCode }),
      undefined,
    ]) {
      const other = await send<{ myVolunteerRecord: unknown }>(fed.gatewayUrl, {
        query: contractOperation("MyVolunteerRecord"),
        token,
      });
      expect(other.data?.myVolunteerRecord ?? null).toBeNull();
    }
  });

  it("asks for a certificate only when its hours grew, and downloads its own PDF only", async () => {
    const v = await volunteer();
    const other = await volunteer();
    await activity(v.id, 6);
    const ask = (token: string) =>
      send<{ requestCertificate: { number: string; hours: number } }>(fed.gatewayUrl, {
        query: `mutation { requestCertificate { number hours } }`,
        token,
      });
    const first = await ask(v.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.requestCertificate.hours).toBe(6);
    const again = await ask(v.token);
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect((await record(v.token)).certificates).toHaveLength(1);
    await activity(v.id, 2);
    expect((await ask(v.token)).data!.requestCertificate.hours).toBe(8);
    expect((await ask(admin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const number = first.data!.requestCertificate.number;
    const url = `${fed.gatewayOrigin}/certificates/${number}.pdf`;
    const own = await fetch(url, { headers: { authorization: `Bearer ${v.token}` } });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    const notTheirs = await fetch(url, { headers: { authorization: `Bearer ${other.token}` } });
    expect(notTheirs.status).toBe(404);
  });
});

describe("record corrections", () => {
  it("go to the recording district, which decides once; accepted hours change in one transaction with their event", async () => {
    const v = await volunteer();
    const activityId = await activity(v.id, 2);
    const asked = await requestCorrection(v.token, activityId, 3.5);
    expect(asked.errors).toBeUndefined();
    const id = asked.data!.requestRecordCorrection.id;
    expect(asked.data!.requestRecordCorrection.status).toBe("OPEN");
    // One open request per activity and volunteer.
    expect((await requestCorrection(v.token, activityId, 4)).errors?.[0].extensions?.code).toBe(
      "CONFLICT",
    );

    // The district's queue: its own open requests, oldest first, with how long each waited.
    const queue = await execute<Queue>(fed.gatewayUrl, {
      query: `{ openRecordCorrections(first: 100) { totalCount nodes { id waitedDays claimedHours volunteer { id } } } }`,
      token: operator,
    });
    const ids = queue.openRecordCorrections.nodes.map((n: { id: string }) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(queue.openRecordCorrections.nodes).toContainEqual({
      id,
      waitedDays: 0,
      claimedHours: 3.5,
      volunteer: { id: v.id },
    });
    const elsewhere = await execute<Queue>(fed.gatewayUrl, {
      query: `{ openRecordCorrections(first: 100) { nodes { id } } }`,
      token: otherOperator,
    });
    expect(elsewhere.openRecordCorrections.nodes).not.toContainEqual({ id });

    // Another district's operator, the volunteer itself and a blank comment change nothing.
    expect((await decide(otherOperator, id, true)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await decide(v.token, id, true)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await decide(operator, id, true, " ")).errors?.[0].extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect(await hoursAt(activityId, v.id)).toEqual({ hours: 2, verified: true });

    const from = daysFromToday(-1);
    const to = daysFromToday(1);
    const dashboard = async () =>
      (
        await execute<{ districts: Array<{ code: string; serviceHours: number }> }>(
          fed.gatewayUrl,
          {
            query: `query ($from: Date!, $to: Date!) { districts { code serviceHours(from: $from, to: $to) } }`,
            variables: { from, to },
            token: admin,
          },
        )
      ).districts.find((d: { code: string }) => d.code === "440305")!.serviceHours;
    const before = await dashboard();

    const decided = await decide(operator, id, true, "已核实签到表，实际服务3.5小时");
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideRecordCorrection).toEqual({
      id,
      status: "ACCEPTED",
      decisionComment: "已核实签到表，实际服务3.5小时",
    });
    expect(await hoursAt(activityId, v.id)).toEqual({ hours: 3.5, verified: true });
    const mine = await record(v.token);
    expect(mine.serviceHours).toBe(3.5);
    expect(mine.recordCorrections[0]).toMatchObject({ id, status: "ACCEPTED", claimedHours: 3.5 });
    expect(await dashboard()).toBeCloseTo(before + 1.5, 2);
    const [event] = await fed.subgraphs.districts.db.query(
      "SELECT action, fromStatus, toStatus, hoursBefore, hoursAfter, actorRole, requestId FROM record_correction_event WHERE correctionId = ? AND action = 'ACCEPT'",
      [Number(id)],
    );
    expect(event).toMatchObject({
      fromStatus: "OPEN",
      toStatus: "ACCEPTED",
      actorRole: "DISTRICT_OPERATOR",
    });
    expect([Number(event.hoursBefore), Number(event.hoursAfter)]).toEqual([2, 3.5]);
    expect(event.requestId).toBeTruthy();

    // Decided once: never again, and the hours stay.
    expect((await decide(admin, id, false)).errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(await hoursAt(activityId, v.id)).toEqual({ hours: 3.5, verified: true });
  });

  it("adds a participation left out when accepted, and a rejection changes no hours", async () => {
    const v = await volunteer();
    const missing = await activity(null, 0);
    const asked = await requestCorrection(v.token, missing, 2);
    expect(asked.data!.requestRecordCorrection.status).toBe("OPEN");
    expect(
      (await decide(admin, asked.data!.requestRecordCorrection.id, true)).errors,
    ).toBeUndefined();
    expect(await hoursAt(missing, v.id)).toEqual({ hours: 2, verified: true });

    const recorded = await activity(v.id, 1);
    const second = await requestCorrection(v.token, recorded, 5);
    const rejected = await decide(
      operator,
      second.data!.requestRecordCorrection.id,
      false,
      "签到表显示1小时",
    );
    expect(rejected.data!.decideRecordCorrection.status).toBe("REJECTED");
    expect(await hoursAt(recorded, v.id)).toEqual({ hours: 1, verified: true });
    // Once decided, the volunteer may ask again.
    expect(
      (await requestCorrection(v.token, recorded, 4)).data!.requestRecordCorrection.status,
    ).toBe("OPEN");
    expect((await record(v.token)).serviceHours).toBe(3);
  });

  it("refuses a participation that rule 3 would not count, and callers who are not volunteers", async () => {
    const { id } = await register(fed); // APPLIED: never appointed
    const applied = await fed.token("VOLUNTEER", { volunteerId: id });
    const missing = await activity(null, 0);
    const asked = await requestCorrection(applied, missing, 2);
    const refused = await decide(admin, asked.data!.requestRecordCorrection.id, true);
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(await hoursAt(missing, id)).toBeNull();

    const enterprise = await fed.token("ENTERPRISE", {
      creditCode: fed.demo.demands[0].creditCode,
    });
    expect((await requestCorrection(enterprise, missing, 2)).errors?.[0].extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await requestCorrection(admin, missing, 2)).errors?.[0].extensions?.code).toBe(
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: contractOperation("RequestRecordCorrection"),
        variables: { input: { activityId: "999999", claimedHours: 2, reason: "漏记" } },
        token: applied,
      },
      "NOT_FOUND",
    );
  });
});

describe("personal-data access log", () => {
  const read = (token: string, id: string) =>
    execute(fed.gatewayUrl, {
      query: `query ($id: ID!) { volunteer(id: $id) { contactPhone idNumber } }`,
      variables: { id },
      token,
    });

  it("appends every unmasked read, which the volunteer sees about itself and CITY_ADMIN filters", async () => {
    const v = await volunteer();
    await read(operator, v.id); // masked: not logged
    expect((await record(v.token)).personalDataAccess.totalCount).toBe(0);
    await read(admin, v.id);
    const log = (await record(v.token)).personalDataAccess;
    expect(log.totalCount).toBe(2);
    expect(log.nodes.map((n: { field: string }) => n.field).sort()).toEqual([
      "CONTACT_PHONE",
      "ID_NUMBER",
    ]);
    for (const node of log.nodes) expect(node.actorRole).toBe("CITY_ADMIN");
    // Who, by name, and the request are for the corps office only.
    const named = await send(fed.gatewayUrl, {
      query: `{ myVolunteerRecord { personalDataAccess { nodes { actor } } } }`,
      token: v.token,
    });
    expect(named.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const all = await execute<{
      personalDataAccess: { totalCount: number; nodes: Array<{ requestId: string }> };
    }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { personalDataAccess(volunteerId: $id, field: ID_NUMBER) { totalCount nodes { actor actorRole requestId field } } }`,
      variables: { id: v.id },
      token: admin,
    });
    expect(all.personalDataAccess.totalCount).toBe(1);
    expect(all.personalDataAccess.nodes[0]).toMatchObject({
      field: "ID_NUMBER",
      actorRole: "CITY_ADMIN",
    });
    expect(all.personalDataAccess.nodes[0].requestId).toBeTruthy();
    await executeExpectingError(
      fed.gatewayUrl,
      { query: `{ personalDataAccess { totalCount } }`, token: operator },
      "FORBIDDEN",
    );
  });

  it("purges entries older than the retention, keeping the rest", async () => {
    const v = await volunteer();
    const repo = fed.subgraphs.corps.db.getRepository(PersonalDataAccess);
    const entry = (daysAgo: number) => ({
      volunteerId: Number(v.id),
      field: "CONTACT_PHONE" as never,
      kind: "READ" as never,
      actor: "admin-test",
      actorRole: "CITY_ADMIN",
      at: new Date(Date.now() - daysAgo * 24 * 3600 * 1000),
      requestId: null,
    });
    await repo.insert([entry(181), entry(179)]);
    expect(await purgeAccessLog(fed.subgraphs.corps.db, 180)).toBeGreaterThanOrEqual(1);
    const left = await repo.findBy({ volunteerId: Number(v.id) });
    expect(left).toHaveLength(1);
    expect(Date.now() - left[0].at.getTime()).toBeLessThan(180 * 24 * 3600 * 1000);
  });
});
