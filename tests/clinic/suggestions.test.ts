// suggestedExperts through the gateway: a constructed case ranked with its reasons, a suspended
// expert gone from the suggestions, who may ask, and the cost of a call (SQL statements, subgraph
// requests, service requests) the same for first 3 and first 20.
import { SUBGRAPHS } from "../../runtime/config";
import { today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";
import { serviceRequests } from "../platforms/fixtures";
import { bookingInput, demandIn, expert, REQUEST } from "./fixtures";

type Suggested = {
  suggestedExperts: Array<{ score: number; volunteer: { id: string }; reasons: unknown[] }>;
};

let fed: Federation;
let admin: string;
const DISTRICT = "440392"; // 深汕特别合作区: regional branch 11
const BRANCH = "11";

beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const SUGGEST = `query ($id: ID!, $first: Int, $form: ServiceForm) {
  suggestedExperts(demandId: $id, first: $first, form: $form) {
    score reasons { factor points text }
    volunteer { id name expertType branch { name } serviceHours openBookingCount meanSatisfaction }
  }
}`;

const suggest = (id: string, first: number, token = admin, form?: string) =>
  execute<Suggested>(fed.gatewayUrl, { query: SUGGEST, variables: { id, first, form }, token });

/** Has `expertId` served a booking of a demand in `district`, rated `satisfaction`. */
async function servedAndRated(expertId: string, satisfaction: number) {
  const demand = await demandIn(fed, DISTRICT);
  const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
  const { requestBooking } = await execute<{ requestBooking: { id: string } }>(fed.gatewayUrl, {
    query: REQUEST,
    variables: { input: bookingInput(demand.id, expertId) },
    token: operator,
  });
  await execute(fed.gatewayUrl, {
    query: `mutation ($id: ID!) { acceptBooking(id: $id) { id } }`,
    variables: { id: requestBooking.id },
    token: admin,
  });
  const published = await execute<{ publishActivities: { rejected: unknown[] } }>(fed.gatewayUrl, {
    query: contractOperation("PublishActivities"),
    token: operator,
    variables: {
      districtCode: DISTRICT,
      activities: [
        {
          externalId: `CL-SG-${requestBooking.id}`,
          type: "CONSULTATION",
          category: "FINANCING",
          title: "一对一融资咨询",
          heldOn: today(),
          enterprisesServed: 1,
          participants: [{ volunteerId: expertId, hours: 1.5 }],
          bookingId: requestBooking.id,
          satisfaction,
        },
      ],
    },
  });
  expect(published.publishActivities.rejected).toEqual([]);
}

/** Gives the expert `n` open (REQUESTED) bookings on fresh demands. */
async function openBookings(expertId: string, n: number) {
  const operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
  for (let i = 0; i < n; i++) {
    const demand = await demandIn(fed, DISTRICT);
    await execute(fed.gatewayUrl, {
      query: REQUEST,
      variables: { input: bookingInput(demand.id, expertId) },
      token: operator,
    });
  }
}

describe("suggestedExperts", () => {
  let best: string;
  let busy: string;
  let suspended: string;
  let demand: { id: string };

  beforeAll(async () => {
    // The best: the category, the same district, both forms, no open booking, rated 5 before.
    best = await expert(fed, { branchId: BRANCH, name: "甲最佳" });
    await servedAndRated(best, 5);
    // Busy: the category, the same district, online only, two open bookings.
    busy = await expert(fed, { branchId: BRANCH, form: "ONLINE", name: "乙繁忙" });
    await openBookings(busy, 2);
    suspended = await expert(fed, { branchId: BRANCH, name: "丁暂停" });
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "协议到期未续") { status } }`,
      variables: { id: suspended },
      token: admin,
    });
    demand = await demandIn(fed, DISTRICT);
  });

  it("ranks the constructed case with its reasons, best first", async () => {
    const { suggestedExperts } = await suggest(demand.id, 50);
    const scores = suggestedExperts.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const of = (id: string) => suggestedExperts.find((s) => s.volunteer.id === id);
    expect(of(best)).toEqual({
      score: 80,
      reasons: [
        { factor: "CATEGORY", points: 40, text: "融资类别匹配" },
        { factor: "DISTRICT", points: 20, text: "同区：深汕特别合作区支队" },
        { factor: "FORM", points: 10, text: "线上线下均可" },
        { factor: "LOAD", points: 0, text: "暂无进行中的预约" },
        { factor: "SATISFACTION", points: 10, text: "以往满意度 5.0（1 次评价）" },
      ],
      volunteer: expect.objectContaining({
        id: best,
        serviceHours: 1.5,
        openBookingCount: 0,
        meanSatisfaction: 5,
      }),
    });
    expect(of(busy)).toMatchObject({
      score: 55,
      reasons: [
        { factor: "CATEGORY", points: 40 },
        { factor: "DISTRICT", points: 20 },
        { factor: "FORM", points: 5, text: "仅线上服务" },
        { factor: "LOAD", points: -10, text: "进行中的预约 2 个" },
      ],
      volunteer: { openBookingCount: 2 },
    });
    const ids = suggestedExperts.map((s) => s.volunteer.id);
    expect(ids.indexOf(best)).toBeLessThan(ids.indexOf(busy));
    expect(ids).not.toContain(suspended);
    // Asked for offline sessions, the online-only expert is left out.
    const online = await suggest(demand.id, 50, admin, "OFFLINE");
    const onlineIds = online.suggestedExperts.map((s) => s.volunteer.id);
    expect(onlineIds).not.toContain(busy); // online only: cannot serve offline
    expect(onlineIds).toContain(best);
    expect(online.suggestedExperts.find((s) => s.volunteer.id === best)!.reasons[2]).toEqual({
      factor: "FORM",
      points: 10,
      text: "可线下服务",
    });
  });

  it("is for CITY_ADMIN and the demand's own district", async () => {
    const own = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
    expect((await suggest(demand.id, 3, own)).suggestedExperts).toHaveLength(3);
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: SUGGEST,
        variables: { id: demand.id, first: 3 },
        token: await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
      },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SUGGEST, variables: { id: demand.id, first: 3 } },
      "UNAUTHENTICATED",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: SUGGEST, variables: { id: demand.id, first: 51 }, token: admin },
      "BAD_USER_INPUT",
    );
  });

  it("costs the same for first 3 and first 20: statements, subgraph requests, service requests", async () => {
    const subgraphRequests = async () => {
      let total = 0;
      for (const name of SUBGRAPHS) {
        const metrics = await (
          await fetch(fed.subgraphs[name].url.replace(/graphql$/, "metrics"))
        ).text();
        for (const line of metrics.split("\n"))
          if (line.startsWith("hub_graphql_requests_total{"))
            total += Number(line.split(" ").pop());
      }
      return total;
    };
    const measure = async (first: number) => {
      await suggest(demand.id, first); // warm: the first call of a kind may prepare statements
      const sql = fed.sqlCount();
      const requests = await subgraphRequests();
      const service = serviceRequests(fed, "MatchCandidates");
      const data = await suggest(demand.id, first);
      expect(data.suggestedExperts).toHaveLength(first);
      return {
        sql: fed.sqlCount() - sql,
        requests: (await subgraphRequests()) - requests,
        service: serviceRequests(fed, "MatchCandidates") - service,
      };
    };
    const small = await measure(3);
    const large = await measure(20);
    expect(large).toEqual(small);
    // districts answers the root field with the volunteers' hours and load; corps the candidates
    // (the one service request) and the volunteers' own fields, each batch one query.
    expect(small.service).toBe(1);
    console.log(`suggestedExperts: ${JSON.stringify(small)} for first 3 and for first 20`);
  });
});
