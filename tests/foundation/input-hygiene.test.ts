// Clearly wrong values are refused (issue 17, item 7): control characters in any free text of any
// subgraph (NUL, BEL, escape sequences), line breaks in single-line fields such as names, and
// dates outside a sane window (before 1949-10-01; past events in the future; an agreement more
// than ten years ahead). Each is BAD_USER_INPUT naming the field, or a rejected row of a batch
// naming it, and nothing is written.
import { daysFromToday } from "../../runtime/dates";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import { expert } from "../clinic/fixtures";
import { agreement, applicant, corpsCounts, register } from "../corps/fixtures";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send, expectRefusal } from "../helpers/graphql";

type Rejected = { created: number; rejected: Array<{ message: string }> };

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const PROBES = ["探针\u0000测试", "\u0007\u001b[2J", "名字\u007f"];

/** Sends as CITY_ADMIN and expects BAD_USER_INPUT whose message names `field`. */
async function refused(query: string, variables: Record<string, unknown>, field: RegExp) {
  const response = await send(fed.gatewayUrl, { query, variables, token: admin });
  expectRefusal(response, "BAD_USER_INPUT", { message: field, first: true });
  // Each problem is said once, however many rules see it.
  const problems = (response.errors?.[0]?.extensions?.problems ?? []) as string[];
  expect(new Set(problems).size).toBe(problems.length);
  return response;
}

describe("control characters", () => {
  it.each(PROBES)(
    "refuses %j in a volunteer's name and employer, writing nothing",
    async (probe) => {
      const before = await corpsCounts(fed);
      const query = contractOperation("RegisterVolunteer");
      await refused(query, { input: applicant({ name: probe }) }, /\bname\b.*control character/);
      await refused(query, { input: applicant({ employer: `某公司${probe}` }) }, /employer/);
      expect(await corpsCounts(fed)).toEqual(before);
    },
  );

  it("refuses them in reasons and comments, which are plain String arguments", async () => {
    const { id } = await register(fed);
    const before = await corpsCounts(fed);
    await refused(
      contractOperation("TransferVolunteer"),
      { id, toBranchId: "4", reason: "调动\u0000" },
      /reason.*control character/,
    );
    await refused(
      `mutation ($id: ID!) { withdrawVolunteer(id: $id, reason: "\\u001b[2J") { status } }`,
      { id },
      /reason/,
    );
    expect(await corpsCounts(fed)).toEqual(before);
    const station = fed.demo.stations.find((s) => s.status === "SUBMITTED")!;
    await refused(
      contractOperation("ReviewStation"),
      { id: String(station.id), decision: "ACCEPT", comment: "ok\u0007" },
      /comment/,
    );
  });

  it("rejects the row of a batch that carries one, naming the field, and writes the others", async () => {
    const stations = [1, 2].map((n) => ({
      externalId: `HYG-${n}`,
      name: `控制字符测试${n}号工作站`,
      hostType: "SME_PARK",
      address: `深圳市南山区科技园${n}号`,
      categories: ["POLICY"],
    }));
    stations[1].address = "深圳市南山区\u0000科技园";
    const data = await execute<{ publishStations: Rejected }>(fed.gatewayUrl, {
      query: contractOperation("PublishStations"),
      variables: { districtCode: "440305", stations },
      token: admin,
    });
    expect(data.publishStations).toMatchObject({ created: 1, rejected: [{ index: 1 }] });
    expect(data.publishStations.rejected[0].message).toMatch(/address.*control character/);
  });

  it("rejects a station named with a noncharacter and refuses a lone surrogate, naming the field", async () => {
    const station = (name: string) => ({
      externalId: "HYG-NONCHAR",
      name,
      hostType: "SME_PARK",
      address: "深圳市南山区科技园1号",
      categories: ["POLICY"],
    });
    const data = await execute<{
      publishStations: { created: number; rejected: Array<{ index: number; message: string }> };
    }>(fed.gatewayUrl, {
      query: contractOperation("PublishStations"),
      variables: {
        districtCode: "440305",
        stations: [station("非字符\ufffe测试工作站"), station("分隔\u2028测试工作站")],
      },
      token: admin,
    });
    expect(data.publishStations).toMatchObject({
      created: 0,
      rejected: [{ index: 0 }, { index: 1 }],
    });
    expect(data.publishStations.rejected[0].message).toMatch(/name.*noncharacter.*U\+FFFE/);
    expect(data.publishStations.rejected[1].message).toMatch(/name must be a single line/);
    const before = await corpsCounts(fed);
    await refused(
      contractOperation("RegisterVolunteer"),
      { input: applicant({ employer: "某公司\ud800" }) },
      /employer.*lone surrogate/,
    );
    expect(await corpsCounts(fed)).toEqual(before);
  });

  it("keeps line breaks and tabs in long text, refuses them in names", async () => {
    const ok = await send(fed.gatewayUrl, {
      query: contractOperation("TransferVolunteer"),
      variables: {
        id: (await register(fed)).id,
        toBranchId: "4",
        reason: "第一行\r\n第二行\n\t第三行",
      },
      token: admin,
    });
    expect(ok.errors).toBeUndefined();
    const query = contractOperation("RegisterVolunteer");
    for (const name of ["林\n晓梅", "林\t晓梅", "林\r\n晓梅"])
      await refused(query, { input: applicant({ name }) }, /name.*single line/);
    // A carriage return on its own is not a line break.
    await refused(
      contractOperation("TransferVolunteer"),
      { id: (await register(fed)).id, toBranchId: "4", reason: "回车\r覆盖" },
      /reason/,
    );
  });
});

describe("dates outside a sane window", () => {
  it.each(["0100-01-01", "1000-06-15", "1949-09-30"])(
    "refuses a training completed on %s and a commendation awarded then",
    async (date) => {
      const { id } = await register(fed);
      const before = await corpsCounts(fed);
      await refused(
        `mutation ($id: ID!, $input: TrainingInput!) { recordTraining(volunteerId: $id, input: $input) { id } }`,
        { id, input: { title: "政策解读", completedOn: date, hours: 2 } },
        new RegExp(`completedOn ${date} is before 1949-10-01`),
      );
      await refused(
        `mutation ($id: ID!, $input: CommendationInput!) { recordCommendation(volunteerId: $id, input: $input) { id } }`,
        {
          id,
          input: { title: "优秀专家志愿者", awardedOn: date, awardedBy: "深圳市中小企业服务局" },
        },
        new RegExp(`awardedOn ${date} is before 1949-10-01`),
      );
      expect(await corpsCounts(fed)).toEqual(before);
    },
  );

  it("refuses an agreement from the year 100 or running more than ten years ahead", async () => {
    const { id } = await register(fed);
    const query = contractOperation("AppointVolunteer");
    await refused(query, { id, agreement: agreement({ validFrom: "0100-01-01" }) }, /validFrom/);
    await refused(
      query,
      { id, agreement: agreement({ validTo: daysFromToday(11 * 366) }) },
      /validTo .* more than 10 years ahead/,
    );
    const ok = await send(fed.gatewayUrl, {
      query,
      variables: { id, agreement: agreement({ validTo: daysFromToday(9 * 365) }) },
      token: admin,
    });
    expect(ok.errors).toBeUndefined();
  });

  it("rejects demands collected and activities held in the year 1000, naming the field", async () => {
    const station = fed.demo.stations.find(
      (s) => s.status === "FILED" && s.districtCode === "440305",
    )!;
    const body = "91440300MA5HYG001";
    const demands = await execute<{ publishDemands: Rejected }>(fed.gatewayUrl, {
      query: contractOperation("PublishDemands"),
      variables: {
        districtCode: "440305",
        demands: [
          {
            externalId: "HYG-DM-1",
            stationExternalId: station.externalId,
            enterpriseName: "深圳市探针测试有限公司",
            creditCode: body + creditCodeCheckChar(body),
            category: "FINANCING",
            description: "需要融资",
            collectedOn: "1000-05-01",
          },
        ],
      },
      token: admin,
    });
    expect(demands.publishDemands.created).toBe(0);
    expect(demands.publishDemands.rejected[0].message).toMatch(
      /collectedOn 1000-05-01 is before 1949-10-01/,
    );
    const activities = await execute<{ publishActivities: Rejected }>(fed.gatewayUrl, {
      query: contractOperation("PublishActivities"),
      variables: {
        districtCode: "440305",
        activities: [
          {
            externalId: "HYG-AC-1",
            type: "ONLINE_CLINIC",
            category: "FINANCING",
            title: "线上义诊",
            heldOn: "0100-01-01",
            enterprisesServed: 1,
            participants: [],
          },
        ],
      },
      token: admin,
    });
    expect(activities.publishActivities.created).toBe(0);
    expect(activities.publishActivities.rejected[0].message).toMatch(
      /heldOn 0100-01-01 is before 1949-10-01/,
    );
  });
});

// Text is trimmed before it is measured (issue 25, item 9): a title of spaces is blank, not three
// characters, and a title of the longest length with spaces around it fits.
describe("surrounding white space", () => {
  const COURSE = `mutation ($input: CourseInput!) { publishCourse(input: $input) { id title url } }`;
  const MENU = `mutation ($input: ServiceMenuItemInput!) { saveServiceMenuItem(input: $input) { id title description } }`;
  const course = (volunteerId: string, title: string) => ({
    title,
    category: "FINANCING",
    volunteerId,
    url: "https://video.example.cn/courses/trim-first",
    durationMinutes: 18,
  });
  const entry = (title: string) => ({
    category: "LEGAL",
    title,
    description: "  帮助企业梳理合同条款  ",
    forms: ["ONLINE"],
    durationMinutes: 60,
  });
  async function rows(table: string) {
    const [row] = await fed.subgraphs.corps.db.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row.n);
  }

  it.each(["   ", "\u3000\u3000", " \n "])(
    "refuses a course and a service menu entry titled %j, writing nothing",
    async (blank) => {
      const volunteerId = await expert(fed, { listed: false });
      const before = [await rows("course"), await rows("service_menu_item")];
      await refused(COURSE, { input: course(volunteerId, blank) }, /\btitle\b/);
      await refused(MENU, { input: entry(blank) }, /\btitle\b/);
      expect([await rows("course"), await rows("service_menu_item")]).toEqual(before);
    },
  );

  it("measures the trimmed text and stores it trimmed", async () => {
    const volunteerId = await expert(fed, { listed: false });
    const longest = "融".repeat(60);
    const { saveServiceMenuItem } = await execute<{ saveServiceMenuItem: unknown }>(
      fed.gatewayUrl,
      {
        query: MENU,
        variables: { input: entry(`  ${longest}  `) },
        token: admin,
      },
    );
    expect(saveServiceMenuItem).toMatchObject({
      title: longest,
      description: "帮助企业梳理合同条款",
    });
    const { publishCourse } = await execute<{ publishCourse: unknown }>(fed.gatewayUrl, {
      query: COURSE,
      variables: {
        input: { ...course(volunteerId, " 合同审查要点 "), url: " https://v.example.cn/1 " },
      },
      token: admin,
    });
    expect(publishCourse).toMatchObject({ title: "合同审查要点", url: "https://v.example.cn/1" });
  });
});
