// Bookings of one demand changed at the same moment (a review found these on MariaDB, where each
// transaction decided on a snapshot that missed the other's write): the open-booking cap and the
// one-booking-per-expert rule hold, and two cancellations at once reopen a MATCHED demand. Every
// booking change now locks its demand's row first, so changes of one demand run one at a time.
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, send } from "../helpers/graphql";
import { bookingInput, demandIn, expert, REQUEST } from "./fixtures";

let fed: Federation;
let admin: string;
let operator: string;
const DISTRICT = "440305";
const ACCEPT = `mutation ($id: ID!) { acceptBooking(id: $id) { id status } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelBooking(id: $id, reason: $reason) { id status } }`;

beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  operator = await fed.token("DISTRICT_OPERATOR", { district: DISTRICT });
});
afterAll(() => fed?.stop());

const request = (demandId: string, expertId: string) =>
  send<{ requestBooking: { id: string } }>(fed.gatewayUrl, {
    query: REQUEST,
    variables: { input: bookingInput(demandId, expertId) },
    token: operator,
  });

async function openBookings(demandId: string) {
  const rows: Array<{ volunteerId: unknown }> = await fed.subgraphs.districts.db.query(
    "SELECT volunteerId FROM booking WHERE demandId = ? AND status IN ('REQUESTED', 'ACCEPTED')",
    [Number(demandId)],
  );
  return rows.map((r) => String(r.volunteerId));
}

async function demandStatus(demandId: string) {
  const [row] = await fed.subgraphs.districts.db.query("SELECT status FROM demand WHERE id = ?", [
    Number(demandId),
  ]);
  return row.status as string;
}

describe("bookings of one demand at the same moment", () => {
  let experts: string[];
  beforeAll(async () => {
    experts = [];
    for (let i = 0; i < 6; i++) experts.push(await expert(fed));
  });

  it("never open more than 3 bookings for a demand", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const demand = await demandIn(fed, DISTRICT);
      const answers = await Promise.all(experts.map((e) => request(demand.id, e)));
      const accepted = answers.filter((a) => a.data?.requestBooking);
      expect(accepted.length).toBe(3);
      for (const refusal of answers.filter((a) => !a.data?.requestBooking))
        expect(refusal.errors?.[0].extensions?.code).toBe("CONFLICT");
      expect(await openBookings(demand.id)).toHaveLength(3);
    }
  });

  it("never open two bookings of a demand with the same expert", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const demand = await demandIn(fed, DISTRICT);
      await Promise.all([1, 2, 3].map(() => request(demand.id, experts[0])));
      expect(await openBookings(demand.id)).toEqual([experts[0]]);
    }
  });

  it("reopen the demand when its only two accepted bookings are cancelled at once", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const demand = await demandIn(fed, DISTRICT);
      const ids: string[] = [];
      for (const e of experts.slice(0, 2)) {
        const answer = await request(demand.id, e);
        ids.push(answer.data!.requestBooking.id);
        await execute(fed.gatewayUrl, {
          query: ACCEPT,
          variables: { id: ids.at(-1) },
          token: admin,
        });
      }
      expect(await demandStatus(demand.id)).toBe("MATCHED");
      const answers = await Promise.all(
        ids.map((id) =>
          send<{ cancelBooking: { status: string } }>(fed.gatewayUrl, {
            query: CANCEL,
            variables: { id, reason: "企业另有安排" },
            token: admin,
          }),
        ),
      );
      expect(answers.map((a) => a.data?.cancelBooking?.status)).toEqual(["CANCELLED", "CANCELLED"]);
      expect(await demandStatus(demand.id)).toBe("OPEN");
    }
  });

  it("keep the demand MATCHED when one booking is accepted as the other is cancelled", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const demand = await demandIn(fed, DISTRICT);
      const a = (await request(demand.id, experts[0])).data!.requestBooking.id;
      const b = (await request(demand.id, experts[1])).data!.requestBooking.id;
      await execute(fed.gatewayUrl, { query: ACCEPT, variables: { id: a }, token: admin });
      await Promise.all([
        send(fed.gatewayUrl, { query: ACCEPT, variables: { id: b }, token: admin }),
        send(fed.gatewayUrl, {
          query: CANCEL,
          variables: { id: a, reason: "企业另有安排" },
          token: admin,
        }),
      ]);
      expect(await demandStatus(demand.id)).toBe("MATCHED");
    }
  });
});
