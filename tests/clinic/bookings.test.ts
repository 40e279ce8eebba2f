// Bookings across subgraphs: an enterprise (signed in as ENTERPRISE, its token bound to its credit
// code) or its station's operator books an expert; corps is asked whether the expert serves; the
// branch (CITY_ADMIN) accepts or declines; an unanswered request expires; either side cancels; an
// activity naming the booking completes it and moves the demand. The demand's status moves in the
// same transaction as the booking, and nothing is written when corps cannot answer.
import { addDays, today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError, send } from "../helpers/graphql";
import { whileUnreachable } from "../platforms/fixtures";
import {
  BOOKING,
  bookingInput,
  bookingOf,
  bookingState,
  demandIn,
  expert,
  freshCreditCode,
  HISTORY,
  refused,
  REQUEST,
} from "./fixtures";

let fed: Federation;
let admin: string;
let nanshan: string;
const DISTRICT = "440305";

beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  nanshan = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
});
afterAll(() => fed?.stop());

const ACCEPT = `mutation ($id: ID!, $v: Int) { acceptBooking(id: $id, expectedVersion: $v) { ${BOOKING} ${HISTORY} } }`;
const DECLINE = `mutation ($id: ID!, $reason: String!) { declineBooking(id: $id, reason: $reason) { ${BOOKING} ${HISTORY} } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelBooking(id: $id, reason: $reason) { ${BOOKING} } }`;
const ENTERPRISE_VIEW = `query ($id: ID!) { booking(id: $id) { ${BOOKING} ${HISTORY} } }`;
const ENTERPRISE_LIST = `{ bookings(first: 50) { totalCount nodes { id demand { id } } } }`;

/** The token of the enterprise a credit code belongs to (its subject names it in the history). */
const enterprise = (creditCode: string) =>
  fed.token("ENTERPRISE", { creditCode, sub: `ent-${creditCode.slice(-6)}` });

async function enterpriseBooking(demand: { id: string; creditCode: string }, expertId: string) {
  const data = await execute<{ requestBooking: { id: string } }>(fed.gatewayUrl, {
    query: REQUEST,
    variables: { input: bookingInput(demand.id, expertId) },
    token: await enterprise(demand.creditCode),
  });
  return data.requestBooking;
}

/** One demand, two experts, a booking of each: both ACCEPTED (the demand MATCHED). */
async function twoAcceptedBookings() {
  const [first, second] = [await expert(fed), await expert(fed)];
  const demand = await demandIn(fed, DISTRICT);
  const a = await enterpriseBooking(demand, first);
  const b = await enterpriseBooking(demand, second);
  for (const id of [a.id, b.id])
    await execute(fed.gatewayUrl, { query: ACCEPT, variables: { id }, token: admin });
  return { first, second, a, b };
}

describe("an enterprise books, signed in for itself", () => {
  it("books a listed expert for its own demand; reads it back alone; its contact is masked to it", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const own = await enterprise(demand.creditCode);
    const booking = await enterpriseBooking(demand, expertId);
    expect(booking).toMatchObject({
      status: "REQUESTED",
      channel: "ENTERPRISE",
      form: "ONLINE",
      contactPhone: "139****5678",
      contactName: "王**",
      answerBy: addDays(today(), 7),
      demand: { id: demand.id, status: "OPEN" },
      volunteer: { id: expertId },
    });
    // Its station's operator and the city see the contact in full; the history names the token's
    // subject.
    const full = await bookingOf(fed, booking.id);
    expect(full).toMatchObject({ contactPhone: "13912345678", contactName: "王晓红" });
    expect(full.history).toEqual([
      expect.objectContaining({
        action: "REQUEST",
        fromStatus: null,
        toStatus: "REQUESTED",
        actor: `ent-${demand.creditCode.slice(-6)}`,
      }),
    ]);
    // The enterprise reads it back, history and all, and finds it in its list.
    const mine = await execute<{ booking: { history: unknown[] } }>(fed.gatewayUrl, {
      query: ENTERPRISE_VIEW,
      variables: { id: booking.id },
      token: own,
    });
    expect(mine.booking).toMatchObject({ id: booking.id, contactPhone: "139****5678" });
    expect(mine.booking.history).toHaveLength(1);
    const list = await execute<{ bookings: unknown }>(fed.gatewayUrl, {
      query: ENTERPRISE_LIST,
      token: own,
    });
    expect(list.bookings).toEqual({
      totalCount: 1,
      nodes: [{ id: booking.id, demand: { id: demand.id } }],
    });
    // Another enterprise reads neither the booking nor it in its list.
    const other = await enterprise(freshCreditCode());
    const theirs = await execute<{ booking: unknown }>(fed.gatewayUrl, {
      query: ENTERPRISE_VIEW,
      variables: { id: booking.id },
      token: other,
    });
    expect(theirs.booking).toBeNull();
    const otherList = await execute<{ bookings: unknown }>(fed.gatewayUrl, {
      query: ENTERPRISE_LIST,
      token: other,
    });
    expect(otherList.bookings).toEqual({ totalCount: 0, nodes: [] });
  });

  // Issue 27: credit codes are public and booking ids count up, so the credit code alone opened
  // any booking to anyone (the enterprise's name, its need in its own words, the expert).
  it("opens nothing to an anonymous caller: no credit-code read, no booking without a token", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    const byCode = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: `query ($id: ID!, $code: String) { booking(id: $id, creditCode: $code) { id message } }`,
        variables: { id: booking.id, code: demand.creditCode },
      },
      "GRAPHQL_VALIDATION_FAILED",
    );
    expect(byCode.data).toBeUndefined();
    const anonymous = await executeExpectingError<{ booking: unknown }>(
      fed.gatewayUrl,
      { query: ENTERPRISE_VIEW, variables: { id: booking.id } },
      "UNAUTHENTICATED",
    );
    expect(anonymous.data?.booking ?? null).toBeNull();
    const request = await refused(
      fed,
      { query: REQUEST, variables: { input: bookingInput(demand.id, expertId) } },
      "UNAUTHENTICATED",
    );
    expect(request.message).toMatch(/ENTERPRISE/);
    await refused(
      fed,
      { query: CANCEL, variables: { id: booking.id, reason: "不需要了" } },
      "UNAUTHENTICATED",
    );
    // A volunteer is no manager of bookings.
    await refused(
      fed,
      {
        query: REQUEST,
        variables: { input: bookingInput(demand.id, expertId) },
        token: await fed.token("VOLUNTEER", { volunteerId: expertId }),
      },
      "FORBIDDEN",
    );
  });

  it("answers another enterprise's demand and an unknown demand alike, and writes nothing", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const other = await demandIn(fed, DISTRICT);
    const token = await enterprise(other.creditCode);
    const anothers = await refused(
      fed,
      { query: REQUEST, variables: { input: bookingInput(demand.id, expertId) }, token },
      "NOT_FOUND",
    );
    const unknown = await refused(
      fed,
      { query: REQUEST, variables: { input: bookingInput("9999999", expertId) }, token },
      "NOT_FOUND",
    );
    expect(anothers.message).toBe(unknown.message);
  });

  it("validates the contact phone and the message before anything else", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const error = await refused(
      fed,
      {
        query: REQUEST,
        variables: {
          input: bookingInput(demand.id, expertId, {
            contactPhone: "0755-1234567",
            message: "x",
          }),
        },
        token: await enterprise(demand.creditCode),
      },
      "BAD_USER_INPUT",
    );
    expect(JSON.stringify(error)).toContain("contactPhone must be an 11-digit mainland mobile");
    expect(JSON.stringify(error)).toContain("message must be 2-500 characters");
  });

  it("books only experts in the directory, without telling why", async () => {
    const unlisted = await expert(fed, { listed: false });
    const demand = await demandIn(fed, DISTRICT);
    const error = await refused(
      fed,
      {
        query: REQUEST,
        variables: { input: bookingInput(demand.id, unlisted) },
        token: await enterprise(demand.creditCode),
      },
      "BAD_USER_INPUT",
    );
    expect(error.message).toBe(
      `expert ${unlisted} is not in the expert directory; choose an expert listed there`,
    );
  });
});

/** The demand's audit trail: every status it was given, by whom. */
async function demandHistory(id: string): Promise<Array<Record<string, string | null>>> {
  const data = await execute<{ demand: { history: Array<Record<string, string | null>> } }>(
    fed.gatewayUrl,
    {
      query: `query ($id: ID!) { demand(id: $id) { history { action fromStatus toStatus actorRole } } }`,
      variables: { id },
      token: admin,
    },
  );
  return data.demand.history;
}

describe("the station's operator books, the branch answers", () => {
  it("accepts: the booking is ACCEPTED and the OPEN demand MATCHED in one change", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const { requestBooking } = await execute<{ requestBooking: { id: string; version: number } }>(
      fed.gatewayUrl,
      {
        query: REQUEST,
        variables: { input: bookingInput(demand.id, expertId, { form: "OFFLINE" }) },
        token: nanshan,
      },
    );
    expect(requestBooking).toMatchObject({ channel: "STATION", contactPhone: "13912345678" });
    const { acceptBooking } = await execute<{ acceptBooking: { history: unknown[] } }>(
      fed.gatewayUrl,
      {
        query: ACCEPT,
        variables: { id: requestBooking.id, v: requestBooking.version },
        token: admin,
      },
    );
    expect(acceptBooking).toMatchObject({ status: "ACCEPTED", demand: { status: "MATCHED" } });
    expect(acceptBooking.history.at(-1)).toMatchObject({
      action: "ACCEPT",
      fromStatus: "REQUESTED",
      toStatus: "ACCEPTED",
      demandFrom: "OPEN",
      demandTo: "MATCHED",
    });
    // A second answer is a CONFLICT naming the status; a stale version too.
    const again = await refused(
      fed,
      { query: ACCEPT, variables: { id: requestBooking.id }, token: admin },
      "CONFLICT",
    );
    expect(again.extensions).toMatchObject({ currentStatus: "ACCEPTED" });
  });

  it("refuses another district's operator and other roles", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    await refused(
      fed,
      {
        query: REQUEST,
        variables: { input: bookingInput(demand.id, expertId) },
        token: await fed.token("DISTRICT_OPERATOR", { district: "440306" }),
      },
      "FORBIDDEN",
    );
    await refused(
      fed,
      {
        query: REQUEST,
        variables: { input: bookingInput(demand.id, expertId) },
        token: await fed.token("PUBLICITY_EDITOR"),
      },
      "FORBIDDEN",
    );
  });

  it("declines with a reason; the demand stays OPEN", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    await refused(
      fed,
      { query: DECLINE, variables: { id: booking.id, reason: "  " }, token: admin },
      "BAD_USER_INPUT",
    );
    const { declineBooking } = await execute<{ declineBooking: { history: unknown[] } }>(
      fed.gatewayUrl,
      {
        query: DECLINE,
        variables: { id: booking.id, reason: "专家本月已满档" },
        token: admin,
      },
    );
    expect(declineBooking).toMatchObject({
      status: "DECLINED",
      reason: "专家本月已满档",
      demand: { status: "OPEN" },
    });
    expect(declineBooking.history.at(-1)).toMatchObject({
      action: "DECLINE",
      demandFrom: null,
      demandTo: null,
      comment: "专家本月已满档",
    });
  });

  it("expires an unanswered request after BOOKING_EXPIRY_DAYS, on every read and when touched", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    // As if it had been made eight days ago: its answerBy day has passed.
    const due = addDays(today(), -1);
    await fed.subgraphs.districts.db.query("UPDATE booking SET answerBy = ? WHERE id = ?", [
      due,
      Number(booking.id),
    ]);
    expect((await bookingOf(fed, booking.id)).status).toBe("EXPIRED");
    const list = await execute(fed.gatewayUrl, {
      query: `query ($d: ID!) { e: bookings(status: EXPIRED, demandId: $d) { totalCount nodes { id } } r: bookings(status: REQUESTED, demandId: $d) { totalCount } }`,
      variables: { d: demand.id },
      token: admin,
    });
    expect(list).toMatchObject({
      e: { totalCount: 1, nodes: [{ id: booking.id }] },
      r: { totalCount: 0 },
    });
    // Answering it now is a CONFLICT; the expiry is written down, dated when the answer was due.
    const error = await send(fed.gatewayUrl, {
      query: ACCEPT,
      variables: { id: booking.id },
      token: admin,
    });
    expect(error.errors?.[0].extensions).toMatchObject({
      code: "CONFLICT",
      currentStatus: "EXPIRED",
    });
    const stored = await bookingOf(fed, booking.id);
    expect(stored.history.at(-1)).toMatchObject({
      action: "EXPIRE",
      actor: "system:booking-expiry",
      fromStatus: "REQUESTED",
      toStatus: "EXPIRED",
      comment: `not answered by ${due}`,
    });
    const [row] = await fed.subgraphs.districts.db.query(
      "SELECT status FROM booking WHERE id = ?",
      [Number(booking.id)],
    );
    expect(row.status).toBe("EXPIRED");
  });
});

describe("cancelling", () => {
  it("by the enterprise, signed in: the MATCHED demand is OPEN again", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    await execute(fed.gatewayUrl, { query: ACCEPT, variables: { id: booking.id }, token: admin });
    // Another enterprise's booking reads like an unknown one.
    const other = await enterprise(freshCreditCode());
    const anothers = await refused(
      fed,
      { query: CANCEL, variables: { id: booking.id, reason: "已自行解决" }, token: other },
      "NOT_FOUND",
    );
    const own = await enterprise(demand.creditCode);
    const unknown = await refused(
      fed,
      { query: CANCEL, variables: { id: "9999999", reason: "已自行解决" }, token: own },
      "NOT_FOUND",
    );
    expect(anothers.message).toBe(unknown.message);
    const { cancelBooking } = await execute<{ cancelBooking: unknown }>(fed.gatewayUrl, {
      query: CANCEL,
      variables: { id: booking.id, reason: "已自行解决" },
      token: own,
    });
    expect(cancelBooking).toMatchObject({
      status: "CANCELLED",
      reason: "已自行解决",
      demand: { status: "OPEN" },
    });
    const stored = await bookingOf(fed, booking.id);
    expect(stored.history.map((e: { action: string }) => e.action)).toEqual([
      "REQUEST",
      "ACCEPT",
      "CANCEL",
    ]);
    expect(stored.history.at(-1)).toMatchObject({ demandFrom: "MATCHED", demandTo: "OPEN" });
    // The demand's own history shows each move, and who made it (the enterprise, signed in).
    expect(await demandHistory(demand.id)).toEqual([
      { action: "PUBLISH", fromStatus: null, toStatus: "OPEN", actorRole: "CITY_ADMIN" },
      { action: "MATCH", fromStatus: "OPEN", toStatus: "MATCHED", actorRole: "CITY_ADMIN" },
      { action: "REOPEN", fromStatus: "MATCHED", toStatus: "OPEN", actorRole: "ENTERPRISE" },
    ]);
  });

  it("by the operator while another booking still matches the demand: it stays MATCHED", async () => {
    const { a } = await twoAcceptedBookings();
    const { cancelBooking } = await execute<{ cancelBooking: unknown }>(fed.gatewayUrl, {
      query: CANCEL,
      variables: { id: a.id, reason: "企业改约其他专家" },
      token: nanshan,
    });
    expect(cancelBooking).toMatchObject({ status: "CANCELLED", demand: { status: "MATCHED" } });
    await refused(
      fed,
      { query: CANCEL, variables: { id: a.id, reason: "再次取消" }, token: nanshan },
      "CONFLICT",
    );
  });
});

describe("an activity that names the booking", () => {
  const PUBLISH = contractOperation("PublishActivities");
  const activity = (externalId: string, bookingId: string, volunteerId: string, extra = {}) => ({
    externalId,
    type: "ONLINE_CLINIC",
    category: "FINANCING",
    title: "线上义诊：银行贷款材料辅导",
    heldOn: today(),
    enterprisesServed: 1,
    participants: [{ volunteerId, hours: 2 }],
    bookingId,
    ...extra,
  });

  it("completes it (demand IN_SERVICE), then resolves the demand with the satisfaction", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    const publish = (row: object) =>
      execute<{ publishActivities: { rejected: Array<{ message: string }> } }>(fed.gatewayUrl, {
        query: PUBLISH,
        variables: { districtCode: DISTRICT, activities: [row] },
        token: nanshan,
      });
    // Not yet accepted: the row is refused, naming the status.
    const early = await publish(activity(`CL-AC-${booking.id}`, booking.id, expertId));
    expect(early.publishActivities.rejected[0].message).toBe(
      `booking ${booking.id} is REQUESTED; only an ACCEPTED booking can be served`,
    );
    await execute(fed.gatewayUrl, { query: ACCEPT, variables: { id: booking.id }, token: admin });
    const other = await expert(fed);
    const wrongExpert = await publish(activity(`CL-AC-${booking.id}`, booking.id, other));
    expect(wrongExpert.publishActivities.rejected[0].message).toBe(
      `the booked expert (volunteer ${expertId}) is not among the participants`,
    );
    const served = await publish(activity(`CL-AC-${booking.id}`, booking.id, expertId));
    expect(served.publishActivities).toMatchObject({ created: 1, rejected: [] });
    const completed = await bookingOf(fed, booking.id);
    expect(completed).toMatchObject({ status: "COMPLETED", demand: { status: "IN_SERVICE" } });
    expect(completed.history.at(-1)).toMatchObject({
      action: "COMPLETE",
      demandFrom: "MATCHED",
      demandTo: "IN_SERVICE",
    });
    // The same activity again, now with the enterprise's rating: the demand is RESOLVED.
    const rated = await publish(
      activity(`CL-AC-${booking.id}`, booking.id, expertId, { satisfaction: 4 }),
    );
    expect(rated.publishActivities).toMatchObject({ updated: 1, rejected: [] });
    const resolved = await bookingOf(fed, booking.id);
    expect(resolved).toMatchObject({
      status: "COMPLETED",
      demand: { status: "RESOLVED", satisfaction: 4 },
    });
    expect(resolved.history.at(-1)).toMatchObject({
      action: "RATE",
      demandFrom: "IN_SERVICE",
      demandTo: "RESOLVED",
    });
    expect((await demandHistory(demand.id)).map((e) => [e.action, e.toStatus])).toEqual([
      ["PUBLISH", "OPEN"],
      ["MATCH", "MATCHED"],
      ["SERVE", "IN_SERVICE"],
      ["RATE", "RESOLVED"],
    ]);
    // Sending it once more changes nothing; the expert's rating shows on the Volunteer.
    const again = await publish(
      activity(`CL-AC-${booking.id}`, booking.id, expertId, { satisfaction: 4 }),
    );
    expect(again.publishActivities).toMatchObject({ unchanged: 1 });
    const figures = await execute<{ volunteer: unknown }>(fed.gatewayUrl, {
      query: `query ($id: ID!) { volunteer(id: $id) { meanSatisfaction ratedServiceCount openBookingCount } }`,
      variables: { id: expertId },
    });
    expect(figures.volunteer).toEqual({
      meanSatisfaction: 4,
      ratedServiceCount: 1,
      openBookingCount: 0,
    });
  });

  it("serves two bookings of one demand in one batch: the second row starts where the first left the demand", async () => {
    const { first, second, a, b } = await twoAcceptedBookings();
    const served = await execute<{ publishActivities: unknown }>(fed.gatewayUrl, {
      query: PUBLISH,
      variables: {
        districtCode: DISTRICT,
        activities: [
          activity(`CL-AC2-${a.id}`, a.id, first),
          activity(`CL-AC2-${b.id}`, b.id, second, { satisfaction: 5 }),
        ],
      },
      token: nanshan,
    });
    expect(served.publishActivities).toMatchObject({ created: 2, rejected: [] });
    expect(await bookingOf(fed, a.id)).toMatchObject({ status: "COMPLETED" });
    const last = await bookingOf(fed, b.id);
    expect(last).toMatchObject({
      status: "COMPLETED",
      demand: { status: "RESOLVED", satisfaction: 5 },
    });
    expect(last.history.at(-1)).toMatchObject({ demandFrom: "IN_SERVICE", demandTo: "RESOLVED" });
  });
});

describe("when corps cannot answer", () => {
  it("refuses the request and the acceptance with CONFLICT and writes nothing", async () => {
    const [expertId, another] = [await expert(fed), await expert(fed)];
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    await whileUnreachable(fed, "corps", async () => {
      const request = await refused(
        fed,
        { query: REQUEST, variables: { input: bookingInput(demand.id, another) }, token: nanshan },
        "CONFLICT",
      );
      expect(request.message).toMatch(/^cannot check the expert with the corps right now/);
      const accept = await refused(
        fed,
        { query: ACCEPT, variables: { id: booking.id }, token: admin },
        "CONFLICT",
      );
      expect(accept.message).toContain("nothing was written");
    });
    const stored = await bookingOf(fed, booking.id);
    expect(stored).toMatchObject({ status: "REQUESTED", demand: { status: "OPEN" } });
    // Once corps answers again, the same acceptance goes through.
    const before = await bookingState(fed);
    await execute(fed.gatewayUrl, { query: ACCEPT, variables: { id: booking.id }, token: admin });
    expect((await bookingState(fed)).events).toBe(before.events + 1);
  });

  it("refuses to accept a booking whose expert was suspended meanwhile", async () => {
    const expertId = await expert(fed);
    const demand = await demandIn(fed, DISTRICT);
    const booking = await enterpriseBooking(demand, expertId);
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "违反服务协议") { status } }`,
      variables: { id: expertId },
      token: admin,
    });
    const error = await refused(
      fed,
      { query: ACCEPT, variables: { id: booking.id }, token: admin },
      "CONFLICT",
    );
    expect(error.message).toBe(`expert ${expertId} is SUSPENDED now; decline the booking instead`);
  });
});
