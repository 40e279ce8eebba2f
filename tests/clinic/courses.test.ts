// Micro-video courses and video meetings: published and scheduled by the corps office, listed to
// the public (the join link only to those who sign up), sign-ups capped by a conditional seat
// count, and counted per district on the dashboard with one GROUP BY.
import { daysFromToday, today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, executeExpectingError } from "../helpers/graphql";
import { expert } from "./fixtures";

type Meetings = { meetings: { nodes: Array<{ id: string }> } };

let fed: Federation;
let admin: string;
const DISTRICT = "440391"; // 大鹏新区
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const PUBLISH = `mutation ($input: CourseInput!) { publishCourse(input: $input) { id title status publishedOn district { code } volunteer { id } } }`;
const SCHEDULE = `mutation ($input: MeetingInput!) { scheduleMeeting(input: $input) { id capacity signUpCount url district { code } } }`;
const SIGN_UP = `mutation ($id: ID!, $input: MeetingSignUpInput!) { signUpForMeeting(meetingId: $id, input: $input) { joinUrl signUp { enterpriseName contactName contactPhone } meeting { signUpCount } } }`;
const COUNTS = `query ($from: Date!, $to: Date!) { districts { code courseCount meetingCount(from: $from, to: $to) } }`;

const course = (volunteerId: string, extra: Record<string, unknown> = {}) => ({
  title: "中小企业融资渠道全景",
  category: "FINANCING",
  volunteerId,
  url: "https://video.example.cn/courses/financing-101",
  durationMinutes: 18,
  districtCode: DISTRICT,
  ...extra,
});
const meeting = (volunteerId: string, extra: Record<string, unknown> = {}) => ({
  title: "专精特新企业融资难题研讨",
  category: "FINANCING",
  volunteerId,
  startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  durationMinutes: 90,
  url: "https://meeting.example.cn/j/20260315",
  capacity: 2,
  districtCode: DISTRICT,
  ...extra,
});
const person = (phone: string) => ({
  enterpriseName: "深圳市大鹏海洋科技有限公司",
  contactName: "李建国",
  contactPhone: phone,
});

async function counts() {
  const data = await execute<{
    districts: Array<{ code: string; courseCount: number; meetingCount: number }>;
  }>(fed.gatewayUrl, {
    query: COUNTS,
    variables: { from: today(), to: daysFromToday(30) },
    token: await fed.token("DASHBOARD_VIEWER"),
  });
  return data.districts.find((d) => d.code === DISTRICT)!;
}

describe("courses", () => {
  it("are published by CITY_ADMIN for an appointed expert, listed publicly, withdrawn with a reason", async () => {
    const before = await counts();
    const volunteerId = await expert(fed, { listed: false });
    const { publishCourse } = await execute<{ publishCourse: { id: string } }>(fed.gatewayUrl, {
      query: PUBLISH,
      variables: { input: course(volunteerId) },
      token: admin,
    });
    expect(publishCourse).toMatchObject({
      status: "ACTIVE",
      publishedOn: today(),
      district: { code: DISTRICT },
      volunteer: { id: volunteerId },
    });
    const list = await execute<{ courses: { nodes: Array<{ id: string }> } }>(fed.gatewayUrl, {
      query: `query ($d: ID) { courses(districtCode: $d, first: 100) { totalCount nodes { id title url durationMinutes } } }`,
      variables: { d: DISTRICT },
    });
    expect(list.courses.nodes.map((c) => c.id)).toContain(publishCourse.id);
    expect((await counts()).courseCount).toBe(before.courseCount + 1);
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: PUBLISH,
        variables: { input: course(volunteerId, { url: "ftp://x" }) },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: PUBLISH, variables: { input: course("999999") }, token: admin },
      "BAD_USER_INPUT",
    );
    const withdraw = `mutation ($id: ID!) { withdrawCourse(id: $id, reason: "内容需要更新") { status withdrawnReason } }`;
    const { withdrawCourse } = await execute<{ withdrawCourse: unknown }>(fed.gatewayUrl, {
      query: withdraw,
      variables: { id: publishCourse.id },
      token: admin,
    });
    expect(withdrawCourse).toEqual({ status: "WITHDRAWN", withdrawnReason: "内容需要更新" });
    await executeExpectingError(
      fed.gatewayUrl,
      { query: withdraw, variables: { id: publishCourse.id }, token: admin },
      "CONFLICT",
    );
    expect((await counts()).courseCount).toBe(before.courseCount);
  });
});

describe("video meetings", () => {
  it("take sign-ups until full, give the link to who signs up, and count for the district", async () => {
    const before = await counts();
    const volunteerId = await expert(fed);
    const { scheduleMeeting } = await execute<{ scheduleMeeting: { id: string } }>(fed.gatewayUrl, {
      query: SCHEDULE,
      variables: { input: meeting(volunteerId) },
      token: admin,
    });
    expect(scheduleMeeting).toMatchObject({ capacity: 2, signUpCount: 0 });
    // The public sees the meeting, not its link.
    const listed = await execute<Meetings>(fed.gatewayUrl, {
      query: `query ($d: ID) { meetings(districtCode: $d, first: 100) { nodes { id url signUpCount } } }`,
      variables: { d: DISTRICT },
    });
    expect(listed.meetings.nodes.find((m) => m.id === scheduleMeeting.id)).toEqual({
      id: scheduleMeeting.id,
      url: null,
      signUpCount: 0,
    });
    const first = await execute<{ signUpForMeeting: unknown }>(fed.gatewayUrl, {
      query: SIGN_UP,
      variables: { id: scheduleMeeting.id, input: person("13800001111") },
    });
    expect(first.signUpForMeeting).toEqual({
      joinUrl: "https://meeting.example.cn/j/20260315",
      signUp: {
        enterpriseName: "深圳市大鹏海洋科技有限公司",
        contactName: "李**",
        contactPhone: "138****1111",
      },
      meeting: { signUpCount: 1 },
    });
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SIGN_UP, variables: { id: scheduleMeeting.id, input: person("13800001111") } },
      "CONFLICT",
    );
    await execute(fed.gatewayUrl, {
      query: SIGN_UP,
      variables: { id: scheduleMeeting.id, input: person("13800002222") },
    });
    const full = await executeExpectingError(
      fed.gatewayUrl,
      { query: SIGN_UP, variables: { id: scheduleMeeting.id, input: person("13800003333") } },
      "CONFLICT",
    );
    expect(full.errors![0].message).toBe(`meeting ${scheduleMeeting.id} is full (2 places)`);
    const signUps = await execute<Meetings>(fed.gatewayUrl, {
      query: `query ($d: ID) { meetings(districtCode: $d, first: 100) { nodes { id signUpCount signUps { contactPhone } } } }`,
      variables: { d: DISTRICT },
      token: admin,
    });
    expect(signUps.meetings.nodes.find((m) => m.id === scheduleMeeting.id)).toEqual({
      id: scheduleMeeting.id,
      signUpCount: 2,
      signUps: [{ contactPhone: "13800001111" }, { contactPhone: "13800002222" }],
    });
    expect((await counts()).meetingCount).toBe(before.meetingCount + 1);
  });

  it("refuses a meeting in the past, sign-ups to a cancelled one, and a bad phone", async () => {
    const volunteerId = await expert(fed);
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: SCHEDULE,
        variables: {
          input: meeting(volunteerId, { startsAt: new Date(Date.now() - 60_000).toISOString() }),
        },
        token: admin,
      },
      "BAD_USER_INPUT",
    );
    const { scheduleMeeting } = await execute<{ scheduleMeeting: { id: string } }>(fed.gatewayUrl, {
      query: SCHEDULE,
      variables: { input: meeting(volunteerId) },
      token: admin,
    });
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SIGN_UP, variables: { id: scheduleMeeting.id, input: person("123") } },
      "BAD_USER_INPUT",
    );
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { cancelMeeting(id: $id, reason: "主讲专家临时出差") { status } }`,
      variables: { id: scheduleMeeting.id },
      token: admin,
    });
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SIGN_UP, variables: { id: scheduleMeeting.id, input: person("13800004444") } },
      "CONFLICT",
    );
  });

  it("counts per district with one GROUP BY, whatever the number of districts", async () => {
    const token = await fed.token("DASHBOARD_VIEWER");
    const cost = async (query: string) => {
      const before = fed.subgraphs.corps.queryCount();
      await execute(fed.gatewayUrl, {
        query,
        variables: { from: today(), to: daysFromToday(30) },
        token,
      });
      return fed.subgraphs.corps.queryCount() - before;
    };
    const one = await cost(
      `query ($from: Date!, $to: Date!) { district(code: "440391") { courseCount meetingCount(from: $from, to: $to) } }`,
    );
    const all = await cost(COUNTS);
    expect(all).toBe(one);
    expect(one).toBe(2);
  });
});
