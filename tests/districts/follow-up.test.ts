// Issue 28, the enterprise half, through the gateway: an enterprise signed in for itself follows
// its demands across districts (timeline with roles, never names), each open step has a deadline in
// working days (per-category configuration: LEGAL here has its own), overdue demands are listed
// for their district and the city with one escalation event each, the enterprise rates a RESOLVED
// demand once (after which its district cannot set the score), submits a demand online that its
// district routes to a station, and the dashboard shows on-time rates and overdue counts.
import { addDays, today } from "../../runtime/dates";
import { addWorkingDays } from "../../runtime/working-days";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError, send } from "../helpers/graphql";
import {
  bookingInput,
  demandIn,
  expert,
  filedStation,
  freshCreditCode,
  REQUEST,
} from "../clinic/fixtures";

type Step = { subject: string; action: string; actorRole: string | null };
type Followed = { id: string; deadline: string | null; overdue: boolean; timeline: Step[] };
type Page<T> = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  nodes: T[];
};
type Overdue = { overdueDemands: { nodes: Array<{ id: string; district: { code: string } }> } };
type Rejected = { created: number; rejected: Array<{ index: number; message: string }> };

let fed: Federation;
let admin: string;
let nanshan: string;
let futian: string;
const NANSHAN = "440305";
const FUTIAN = "440304";

beforeAll(async () => {
  fed = await bootFederation({ env: { DEMAND_DEADLINES_BY_CATEGORY: "LEGAL=10/10/30" } });
  admin = await fed.token("CITY_ADMIN");
  nanshan = await fed.token("DISTRICT_OPERATOR", { district: NANSHAN, sub: "ns-officer-wang" });
  futian = await fed.token("DISTRICT_OPERATOR", { district: FUTIAN });
});
afterAll(() => fed?.stop());

const enterprise = (creditCode: string) =>
  fed.token("ENTERPRISE", { creditCode, sub: `ent-${creditCode.slice(-6)}` });

const SUBMIT = `mutation ($input: SubmitDemandInput!) {
  submitDemand(input: $input) { id status channel collectedOn deadline overdue externalId district { code } }
}`;
const ROUTE = `mutation ($id: ID!, $s: String!) { routeDemand(id: $id, stationExternalId: $s) { id status deadline } }`;
const MINE = `query { myDemands(first: 50) { nodes { id timeline { subject action fromStatus toStatus actorRole comment } } } }`;
const TIMELINE = `query ($id: ID!) { demand(id: $id) { id status deadline overdue ratedByEnterprise satisfaction
  timeline { subject action fromStatus toStatus actorRole comment } } }`;

/** Re-publishes one of the tests' demands with other values (its status, its satisfaction). */
async function republish(
  districtCode: string,
  demand: { externalId: string; creditCode: string },
  values: Record<string, unknown>,
  token = admin,
) {
  return execute(fed.gatewayUrl, {
    query: contractOperation("PublishDemands"),
    token,
    variables: {
      districtCode,
      demands: [
        {
          externalId: demand.externalId,
          stationExternalId: filedStation(fed, districtCode),
          enterpriseName: `深圳市测试科技有限公司${demand.externalId}`,
          creditCode: demand.creditCode,
          category: "FINANCING",
          description: "需要对接银行信贷，缓解流动资金压力",
          collectedOn: fed.demo.anchor,
          ...values,
        },
      ],
    },
  });
}

async function myDemands(creditCode: string, variables: Record<string, unknown> = { first: 50 }) {
  const data = await execute<{ myDemands: Page<Followed> }>(fed.gatewayUrl, {
    query: contractOperation("MyDemands"),
    variables,
    token: await enterprise(creditCode),
  });
  return data.myDemands;
}

const rowOf = async (id: string) =>
  (await fed.subgraphs.districts.db.query("SELECT * FROM demand WHERE id = ?", [Number(id)]))[0];
const eventCount = async (id: string, action: string) =>
  Number(
    (
      await fed.subgraphs.districts.db.query(
        "SELECT COUNT(*) AS n FROM demand_event WHERE demandId = ? AND action = ?",
        [Number(id), action],
      )
    )[0].n,
  );

describe("myDemands: the enterprise's own demands, across districts, with their timeline", () => {
  it("lists only its own, in every district, with every step and the role that made it", async () => {
    const mine = await demandIn(fed, NANSHAN);
    const creditCode = mine.creditCode;
    const other = await demandIn(fed, FUTIAN, { creditCode });
    const stranger = await demandIn(fed, NANSHAN);
    // The district moves it on by publishing: the change is recorded as an audit event.
    await republish(NANSHAN, mine, { status: "MATCHED" }, nanshan);
    const page = await myDemands(creditCode);
    expect(page.totalCount).toBe(2);
    expect(page.nodes.map((n: { id: string }) => n.id).sort()).toEqual([mine.id, other.id].sort());
    expect(page.nodes.map((n: { id: string }) => n.id)).not.toContain(stranger.id);
    const matched = page.nodes.find((n: { id: string }) => n.id === mine.id);
    expect(matched).toMatchObject({ status: "MATCHED", overdue: false, bookings: [] });
    expect(matched!.timeline).toEqual([
      expect.objectContaining({ action: "PUBLISH", fromStatus: null, toStatus: "OPEN" }),
      expect.objectContaining({ action: "UPDATE", fromStatus: "OPEN", toStatus: "MATCHED" }),
    ]);
    // Roles, not the officials: the operator's subject appears nowhere in what the enterprise gets.
    const full = await execute<{ myDemands: { nodes: Followed[] } }>(fed.gatewayUrl, {
      query: `{ myDemands(first: 50) { nodes { id timeline { actorRole comment } } } }`,
      token: await enterprise(creditCode),
    });
    const steps = full.myDemands.nodes.find((n: { id: string }) => n.id === mine.id)!.timeline;
    expect(steps.map((s) => s.actorRole)).toEqual(["CITY_ADMIN", "DISTRICT_OPERATOR"]);
    expect(JSON.stringify(full)).not.toContain("ns-officer-wang");
  });

  it("shows its bookings' steps beside the demand's, and the deadline of the step it waits on", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, NANSHAN);
    const own = await enterprise(demand.creditCode);
    const { requestBooking } = await execute<{ requestBooking: { id: string } }>(fed.gatewayUrl, {
      query: REQUEST,
      variables: { input: bookingInput(demand.id, expertId) },
      token: own,
    });
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { acceptBooking(id: $id, comment: "专家已确认时间") { id } }`,
      variables: { id: requestBooking.id },
      token: admin,
    });
    const [node] = (await myDemands(demand.creditCode)).nodes;
    expect(node).toMatchObject({
      status: "MATCHED",
      deadline: addWorkingDays(today(), 5),
      overdue: false,
      bookings: [
        { id: requestBooking.id, status: "ACCEPTED", volunteer: { name: expect.any(String) } },
      ],
    });
    const { myDemands: mine } = await execute<{ myDemands: { nodes: Followed[] } }>(
      fed.gatewayUrl,
      { query: MINE, token: own },
    );
    const steps = mine.nodes[0].timeline.map(
      (s: { subject: string; action: string; actorRole: string | null }) =>
        `${s.subject}:${s.action}:${s.actorRole}`,
    );
    expect(steps).toEqual([
      "DEMAND:PUBLISH:CITY_ADMIN",
      "BOOKING:REQUEST:ENTERPRISE",
      "BOOKING:ACCEPT:CITY_ADMIN",
      "DEMAND:MATCH:CITY_ADMIN",
    ]);
  });

  it("pages by cursor", async () => {
    const first = await demandIn(fed, NANSHAN);
    await demandIn(fed, NANSHAN, { creditCode: first.creditCode });
    await demandIn(fed, FUTIAN, { creditCode: first.creditCode });
    const one = await myDemands(first.creditCode, { first: 2 });
    expect(one).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const two = await myDemands(first.creditCode, { first: 2, after: one.pageInfo.endCursor });
    expect(two.nodes).toHaveLength(1);
    expect(two.pageInfo.hasNextPage).toBe(false);
  });

  it("is the enterprise's alone: anonymous is asked to sign in, staff are refused", async () => {
    const query = contractOperation("MyDemands");
    await executeExpectingError(fed.gatewayUrl, { query, variables: {} }, "UNAUTHENTICATED");
    await executeExpectingError(fed.gatewayUrl, { query, token: admin }, "FORBIDDEN");
    const volunteer = await fed.token("VOLUNTEER", { volunteerId: "2" });
    await executeExpectingError(fed.gatewayUrl, { query, token: volunteer }, "FORBIDDEN");
  });
});

describe("deadlines in working days", () => {
  it("gives a new demand 3 working days from collection, a matched one 5, one in service 20", async () => {
    const collectedOn = addDays(today(), -1);
    const demand = await demandIn(fed, NANSHAN, { collectedOn });
    const read = async () => (await myDemands(demand.creditCode)).nodes[0];
    expect(await read()).toMatchObject({
      deadline: addWorkingDays(collectedOn, 3),
      overdue: false,
    });
    await republish(NANSHAN, demand, { collectedOn, status: "MATCHED" });
    expect(await read()).toMatchObject({ deadline: addWorkingDays(today(), 5) });
    await republish(NANSHAN, demand, { collectedOn, status: "IN_SERVICE" });
    expect(await read()).toMatchObject({ deadline: addWorkingDays(today(), 20) });
    await republish(NANSHAN, demand, { collectedOn, status: "RESOLVED" });
    expect(await read()).toMatchObject({ deadline: null, overdue: false, status: "RESOLVED" });
    // Three steps done, none late.
    expect(await rowOf(demand.id)).toMatchObject({ stepsDone: 3, stepsLate: 0 });
  });

  it("follows the category's own days when configured (LEGAL=10/10/30 here)", async () => {
    const legal = await demandIn(fed, NANSHAN, { category: "LEGAL", collectedOn: today() });
    expect((await myDemands(legal.creditCode)).nodes[0].deadline).toBe(addWorkingDays(today(), 10));
  });

  it("is overdue past the deadline, and a step finished late counts against the district", async () => {
    const collectedOn = addDays(today(), -30);
    const late = await demandIn(fed, FUTIAN, { collectedOn });
    const node = (await myDemands(late.creditCode)).nodes[0];
    expect(node).toMatchObject({ deadline: addWorkingDays(collectedOn, 3), overdue: true });
    await republish(FUTIAN, late, { collectedOn, status: "MATCHED" });
    expect(await rowOf(late.id)).toMatchObject({ stepsDone: 1, stepsLate: 1 });
    expect((await myDemands(late.creditCode)).nodes[0].overdue).toBe(false);
  });
});

describe("督办: overdue demands for the district and the city", () => {
  it("lists a district's own, refuses another's, and the city sees all", async () => {
    const collectedOn = addDays(today(), -30);
    const ns = await demandIn(fed, NANSHAN, { collectedOn });
    const ft = await demandIn(fed, FUTIAN, { collectedOn });
    const query = contractOperation("OverdueDemands");
    const own = await execute<Overdue>(fed.gatewayUrl, {
      query,
      variables: { first: 100 },
      token: nanshan,
    });
    const ids = own.overdueDemands.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(ns.id);
    expect(ids).not.toContain(ft.id);
    expect(
      own.overdueDemands.nodes.every(
        (n: { district: { code: string } }) => n.district.code === NANSHAN,
      ),
    ).toBe(true);
    expect(own.overdueDemands.nodes.find((n: { id: string }) => n.id === ns.id)).toMatchObject({
      status: "OPEN",
      deadline: addWorkingDays(collectedOn, 3),
      district: { code: NANSHAN, name: "南山区" },
    });
    await executeExpectingError(
      fed.gatewayUrl,
      { query, variables: { districtCode: NANSHAN }, token: futian },
      "FORBIDDEN",
    );
    const city = await execute<Overdue>(fed.gatewayUrl, {
      query,
      variables: { first: 100 },
      token: admin,
    });
    const cityIds = city.overdueDemands.nodes.map((n: { id: string }) => n.id);
    expect(cityIds).toEqual(expect.arrayContaining([ns.id, ft.id]));
    const one = await execute<Overdue>(fed.gatewayUrl, {
      query,
      variables: { districtCode: FUTIAN, first: 100 },
      token: admin,
    });
    expect(one.overdueDemands.nodes.map((n: { id: string }) => n.id)).toContain(ft.id);
    expect(one.overdueDemands.nodes.map((n: { id: string }) => n.id)).not.toContain(ns.id);
    await executeExpectingError(
      fed.gatewayUrl,
      { query, token: await enterprise(ns.creditCode) },
      "FORBIDDEN",
    );
  });

  it("writes the escalation event once, however often it is read", async () => {
    const overdue = await demandIn(fed, NANSHAN, { collectedOn: addDays(today(), -30) });
    const query = contractOperation("OverdueDemands");
    for (let i = 0; i < 3; i++)
      await execute(fed.gatewayUrl, { query, variables: { first: 5 }, token: nanshan });
    await myDemands(overdue.creditCode);
    expect(await eventCount(overdue.id, "ESCALATE")).toBe(1);
    const { timeline } = (await myDemands(overdue.creditCode)).nodes[0];
    expect(timeline.at(-1)).toMatchObject({ action: "ESCALATE", toStatus: "OPEN" });
    // Read at once by several callers: still one.
    const raced = await demandIn(fed, FUTIAN, { collectedOn: addDays(today(), -30) });
    const reads = [futian, admin, futian, admin, await enterprise(raced.creditCode)];
    await Promise.all(
      reads.map((token, i) =>
        execute(fed.gatewayUrl, {
          query: i === 4 ? contractOperation("MyDemands") : query,
          variables: { first: 5 },
          token,
        }),
      ),
    );
    expect(await eventCount(raced.id, "ESCALATE")).toBe(1);
    // Not overdue: no escalation.
    const fresh = await demandIn(fed, NANSHAN);
    await execute(fed.gatewayUrl, { query, variables: { first: 5 }, token: nanshan });
    expect(await eventCount(fresh.id, "ESCALATE")).toBe(0);
  });

  it("shows per district the count overdue now and the on-time rate, computed in SQL", async () => {
    await demandIn(fed, NANSHAN, { collectedOn: addDays(today(), -30) });
    const data = await execute<{
      districts: Array<{ code: string; overdueDemandCount: number; onTimeRate: number | null }>;
    }>(fed.gatewayUrl, {
      query: `{ districts { code overdueDemandCount onTimeRate } }`,
      token: admin,
    });
    const rows: Array<Record<string, string | number | Date | null>> =
      await fed.subgraphs.districts.db.query(
        "SELECT districtCode, status, dueOn, stepsDone, stepsLate FROM demand",
      );
    for (const district of data.districts) {
      const own = rows.filter((r) => r.districtCode === district.code);
      const overdue = own.filter(
        (r) =>
          ["OPEN", "MATCHED", "IN_SERVICE"].includes(String(r.status)) &&
          r.dueOn !== null &&
          String(r.dueOn).slice(0, 10) < today(),
      ).length;
      const done = own.reduce((s, r) => s + Number(r.stepsDone), 0);
      const late = own.reduce((s, r) => s + Number(r.stepsLate), 0);
      expect(district.overdueDemandCount).toBe(overdue);
      expect(district.onTimeRate).toBe(
        done + overdue ? Math.round(((done - late) / (done + overdue)) * 10_000) / 10_000 : null,
      );
    }
    const ns = data.districts.find((d: { code: string }) => d.code === NANSHAN);
    expect(ns!.overdueDemandCount).toBeGreaterThan(0);
    // A district operator gets its own district's row only.
    const own = await execute<{ districts: Array<{ code: string }> }>(fed.gatewayUrl, {
      query: `{ districts { code overdueDemandCount } }`,
      token: futian,
    });
    expect(own.districts.map((d: { code: string }) => d.code)).toEqual([FUTIAN]);
  });
});

describe("rateDemand: the enterprise's own rating", () => {
  const rate = async (token: string, id: string, satisfaction: number, comment?: string) =>
    send<{ rateDemand: unknown }>(fed.gatewayUrl, {
      query: contractOperation("RateDemand"),
      variables: { id, satisfaction, comment },
      token,
    });
  const code = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    response.errors?.[0]?.extensions?.code;

  it("rates a RESOLVED demand once, 1-5, only the enterprise", async () => {
    const demand = await demandIn(fed, NANSHAN);
    const own = await enterprise(demand.creditCode);
    expect(code(await rate(own, demand.id, 5))).toBe("CONFLICT"); // still OPEN
    await republish(NANSHAN, demand, { status: "RESOLVED", satisfaction: 3 });
    expect(code(await rate(own, demand.id, 0))).toBe("BAD_USER_INPUT");
    expect(code(await rate(own, demand.id, 6))).toBe("BAD_USER_INPUT");
    expect(code(await rate(await enterprise(freshCreditCode()), demand.id, 4))).toBe("NOT_FOUND");
    expect(code(await rate(nanshan, demand.id, 4))).toBe("FORBIDDEN");
    expect(code(await rate(await fed.token("VOLUNTEER", { volunteerId: "2" }), demand.id, 4))).toBe(
      "FORBIDDEN",
    );
    expect(await eventCount(demand.id, "RATE")).toBe(0);
    const rated = await rate(own, demand.id, 4, "专家很专业");
    expect(rated.data?.rateDemand).toEqual({ id: demand.id, satisfaction: 4 });
    expect(code(await rate(own, demand.id, 5))).toBe("CONFLICT"); // once
    const read = await execute<{ demand: Followed }>(fed.gatewayUrl, {
      query: TIMELINE,
      variables: { id: demand.id },
      token: admin,
    });
    expect(read.demand).toMatchObject({ satisfaction: 4, ratedByEnterprise: true });
    expect(read.demand.timeline.at(-1)).toMatchObject({
      action: "RATE",
      actorRole: "ENTERPRISE",
      comment: "rated 4 by the enterprise: 专家很专业",
    });
  });

  it("keeps the district from setting the score afterwards: that row is rejected by index", async () => {
    const demand = await demandIn(fed, NANSHAN, { status: "RESOLVED" });
    const good = await demandIn(fed, NANSHAN);
    await execute(fed.gatewayUrl, {
      query: contractOperation("RateDemand"),
      variables: { id: demand.id, satisfaction: 5 },
      token: await enterprise(demand.creditCode),
    });
    const row = (externalId: string, creditCode: string, extra: Record<string, unknown>) => ({
      externalId,
      stationExternalId: filedStation(fed, NANSHAN),
      enterpriseName: `深圳市测试科技有限公司${externalId}`,
      creditCode,
      category: "FINANCING",
      description: "需要对接银行信贷，缓解流动资金压力",
      collectedOn: fed.demo.anchor,
      ...extra,
    });
    const result = await execute<{ publishDemands: Rejected }>(fed.gatewayUrl, {
      query: contractOperation("PublishDemands"),
      token: nanshan,
      variables: {
        districtCode: NANSHAN,
        demands: [
          row(good.externalId, good.creditCode, { status: "MATCHED" }),
          row(demand.externalId, demand.creditCode, { status: "RESOLVED", satisfaction: 2 }),
        ],
      },
    });
    expect(result.publishDemands).toMatchObject({ updated: 1, rejected: [{ index: 1 }] });
    expect(result.publishDemands.rejected[0].message).toMatch(/rated by the enterprise itself/);
    expect(await rowOf(demand.id)).toMatchObject({ satisfaction: 5 });
    expect((await rowOf(good.id)).status).toBe("MATCHED");
    // Re-sent without a score, the enterprise's stays.
    await republish(NANSHAN, demand, { status: "RESOLVED" });
    expect(await rowOf(demand.id)).toMatchObject({ satisfaction: 5 });
  });

  it("keeps a session's activity from replacing the enterprise's rating", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, NANSHAN);
    const own = await enterprise(demand.creditCode);
    const { requestBooking: booking } = await execute<{ requestBooking: { id: string } }>(
      fed.gatewayUrl,
      {
        query: REQUEST,
        variables: { input: bookingInput(demand.id, expertId) },
        token: own,
      },
    );
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { acceptBooking(id: $id) { id } }`,
      variables: { id: booking.id },
      token: admin,
    });
    const session = (extra: Record<string, unknown> = {}) => ({
      externalId: `FU-AC-${booking.id}`,
      type: "ONLINE_CLINIC",
      category: "FINANCING",
      title: "线上义诊：银行贷款材料辅导",
      heldOn: today(),
      enterprisesServed: 1,
      participants: [{ volunteerId: expertId, hours: 2 }],
      bookingId: booking.id,
      ...extra,
    });
    const publish = (row: object) =>
      execute<{ publishActivities: Rejected }>(fed.gatewayUrl, {
        query: contractOperation("PublishActivities"),
        variables: { districtCode: NANSHAN, activities: [row] },
        token: nanshan,
      });
    expect((await publish(session())).publishActivities).toMatchObject({ created: 1 });
    // Served: in service, with 20 working days to be resolved.
    expect((await myDemands(demand.creditCode)).nodes[0]).toMatchObject({
      status: "IN_SERVICE",
      deadline: addWorkingDays(today(), 20),
    });
    await republish(NANSHAN, demand, { status: "RESOLVED" }, nanshan);
    await execute(fed.gatewayUrl, {
      query: contractOperation("RateDemand"),
      variables: { id: demand.id, satisfaction: 5 },
      token: own,
    });
    const again = await publish(session({ satisfaction: 2 }));
    expect(again.publishActivities.rejected).toEqual([
      expect.objectContaining({
        index: 0,
        message: expect.stringMatching(/rated by the enterprise itself/),
      }),
    ]);
    expect(await rowOf(demand.id)).toMatchObject({ satisfaction: 5, status: "RESOLVED" });
  });

  it("tells on the dashboard how many ratings came from enterprises", async () => {
    const rated = await demandIn(fed, FUTIAN, { status: "RESOLVED", satisfaction: 2 });
    await execute(fed.gatewayUrl, {
      query: contractOperation("RateDemand"),
      variables: { id: rated.id, satisfaction: 5 },
      token: await enterprise(rated.creditCode),
    });
    const data = await execute<{
      demandStats: { ratedCount: number; enterpriseRatedCount: number };
    }>(fed.gatewayUrl, {
      query: `query ($from: Date!, $to: Date!) { demandStats(from: $from, to: $to) { averageSatisfaction ratedCount enterpriseRatedCount } }`,
      variables: { from: addDays(today(), -400), to: today() },
      token: admin,
    });
    const [counts] = await fed.subgraphs.districts.db.query(
      `SELECT SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END) AS rated,
              SUM(CASE WHEN satisfaction IS NOT NULL AND ratedByEnterprise = ? THEN 1 ELSE 0 END) AS own
       FROM demand WHERE status = 'RESOLVED' AND collectedOn BETWEEN ? AND ?`,
      [true, addDays(today(), -400), today()],
    );
    expect(data.demandStats.ratedCount).toBe(Number(counts.rated));
    expect(data.demandStats.enterpriseRatedCount).toBe(Number(counts.own));
    expect(data.demandStats.enterpriseRatedCount).toBeGreaterThanOrEqual(1);
    expect(data.demandStats.ratedCount).toBeGreaterThan(data.demandStats.enterpriseRatedCount);
  });
});

describe("线上诉求: an enterprise submits a demand itself", () => {
  const input = (extra: Record<string, unknown> = {}) => ({
    districtCode: NANSHAN,
    enterpriseName: "深圳市线上诉求科技有限公司",
    category: "MARKET",
    description: "希望拓展海外市场，需要出口合规方面的指导",
    ...extra,
  });

  it("enters the district's queue as collected online today, with its deadline and timeline", async () => {
    const creditCode = freshCreditCode();
    const own = await enterprise(creditCode);
    const { submitDemand } = await execute<{ submitDemand: { id: string; externalId: string } }>(
      fed.gatewayUrl,
      {
        query: SUBMIT,
        variables: { input: input() },
        token: own,
      },
    );
    expect(submitDemand).toMatchObject({
      status: "OPEN",
      channel: "ONLINE",
      collectedOn: today(),
      deadline: addWorkingDays(today(), 3),
      overdue: false,
      district: { code: NANSHAN },
    });
    expect(await rowOf(submitDemand.id)).toMatchObject({ creditCode, stationId: null });
    // The district sees it in its queue and routes it to a station.
    const found = await execute<{ demandByExternalId: unknown }>(fed.gatewayUrl, {
      query: `query ($d: ID!, $e: String!) { demandByExternalId(districtCode: $d, externalId: $e) { id channel } }`,
      variables: { d: NANSHAN, e: submitDemand.externalId },
      token: nanshan,
    });
    expect(found.demandByExternalId).toEqual({ id: submitDemand.id, channel: "ONLINE" });
    const across = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: ROUTE,
        variables: { id: submitDemand.id, s: filedStation(fed, NANSHAN) },
        token: futian,
      },
      "FORBIDDEN",
    );
    expect(across.errors![0].message).toBe(
      `you operate district ${FUTIAN}; this demand belongs to district ${NANSHAN}`,
    );
    const unknown = await executeExpectingError(
      fed.gatewayUrl,
      { query: ROUTE, variables: { id: submitDemand.id, s: "ST-NOPE" }, token: nanshan },
      "BAD_USER_INPUT",
    );
    expect(unknown.errors![0].message).toBe(
      `stationExternalId ST-NOPE is not a filed station of district ${NANSHAN}; name one of its FILED stations`,
    );
    const routed = await execute<{ routeDemand: unknown }>(fed.gatewayUrl, {
      query: ROUTE,
      variables: { id: submitDemand.id, s: filedStation(fed, NANSHAN) },
      token: nanshan,
    });
    expect(routed.routeDemand).toMatchObject({
      status: "OPEN",
      deadline: addWorkingDays(today(), 3),
    });
    const station = fed.demo.stations.find(
      (s) => s.districtCode === NANSHAN && s.externalId === filedStation(fed, NANSHAN),
    )!;
    expect(Number((await rowOf(submitDemand.id)).stationId)).toBe(Number(station.id));
    const { myDemands: mine } = await execute<{ myDemands: { nodes: Followed[] } }>(
      fed.gatewayUrl,
      { query: MINE, token: own },
    );
    expect(mine.nodes[0].timeline).toEqual([
      expect.objectContaining({ action: "SUBMIT", toStatus: "OPEN", actorRole: "ENTERPRISE" }),
      expect.objectContaining({ action: "ROUTE", actorRole: "DISTRICT_OPERATOR" }),
    ]);
  });

  it("takes a FILED station it names; refuses another district's or an unfiled one, writing nothing", async () => {
    const own = await enterprise(freshCreditCode());
    const named = await execute<{ submitDemand: { status: string } }>(fed.gatewayUrl, {
      query: SUBMIT,
      variables: { input: input({ stationExternalId: filedStation(fed, NANSHAN) }) },
      token: own,
    });
    expect(named.submitDemand.status).toBe("OPEN");
    const [before] = await fed.subgraphs.districts.db.query("SELECT COUNT(*) AS n FROM demand");
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: SUBMIT,
        variables: { input: input({ stationExternalId: filedStation(fed, FUTIAN) }) },
        token: own,
      },
      "BAD_USER_INPUT",
    );
    const unfiled = fed.demo.stations.find(
      (s) => s.districtCode === NANSHAN && s.status !== "FILED",
    );
    if (unfiled)
      await executeExpectingError(
        fed.gatewayUrl,
        {
          query: SUBMIT,
          variables: { input: input({ stationExternalId: unfiled.externalId }) },
          token: own,
        },
        "BAD_USER_INPUT",
      );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SUBMIT, variables: { input: input({ districtCode: "999999" }) }, token: own },
      "BAD_USER_INPUT",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SUBMIT, variables: { input: input({ description: "x" }) }, token: own },
      "BAD_USER_INPUT",
    );
    const [after] = await fed.subgraphs.districts.db.query("SELECT COUNT(*) AS n FROM demand");
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("takes at most DEMAND_ONLINE_OPEN_MAX (5) open online demands per enterprise and district, of 30 sent at once", async () => {
    expect(fed.config.demandDeadlines.onlineOpenMax).toBe(5);
    const creditCode = freshCreditCode();
    const own = await enterprise(creditCode);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        send<{ submitDemand: { id: string } }>(fed.gatewayUrl, {
          query: SUBMIT,
          variables: { input: input() },
          token: own,
        }),
      ),
    );
    const accepted = answers.filter((a) => !a.errors && a.data?.submitDemand);
    const refused = answers.filter((a) => a.errors);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(25);
    for (const answer of refused) {
      expect(answer.errors![0].extensions!.code).toBe("CONFLICT");
      expect(answer.errors![0].message).toBe(
        "you already have 5 open online demands in this district; wait until one is answered",
      );
    }
    const rows = await fed.subgraphs.districts.db.query(
      "SELECT COUNT(*) AS n FROM demand WHERE creditCode = ? AND districtCode = ?",
      [creditCode, NANSHAN],
    );
    expect(Number(rows[0].n)).toBe(5);
    // Another district's queue is counted on its own.
    const elsewhere = await execute<{ submitDemand: { status: string } }>(fed.gatewayUrl, {
      query: SUBMIT,
      variables: { input: input({ districtCode: FUTIAN }) },
      token: own,
    });
    expect(elsewhere.submitDemand.status).toBe("OPEN");
  });

  it("is not for anonymous callers nor staff", async () => {
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SUBMIT, variables: { input: input() } },
      "UNAUTHENTICATED",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SUBMIT, variables: { input: input() }, token: nanshan },
      "FORBIDDEN",
    );
  });
});
