// What the clinic tests share: their own experts (registered, appointed, listed), their own demands
// (published at a demo station, with a fresh credit code), bookings made through the contract's
// mutations, and direct reads of the districts tables to prove a refused request wrote nothing.
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import type { Federation } from "../helpers/federation";
import {
  contractOperation,
  execute,
  type Request,
  expectRefusedUnchanged,
} from "../helpers/graphql";
import { agreement, appoint, applicant, register } from "../corps/fixtures";

/** A booking as bookingOf reads it (the fields the tests look at). */
export type Booking = {
  id: string;
  status: string;
  history: Array<{ action: string; [field: string]: unknown }>;
};

let serial = 0;
const next = () => {
  serial += 1;
  return `${process.pid % 1000}${String(serial).padStart(3, "0")}`;
};

/** The regional branch of each district in the demo data (branch ids follow DISTRICTS' order). */
export const REGION_BRANCH: Record<string, string> = {
  "440303": "1",
  "440304": "2",
  "440305": "3",
  "440306": "4",
  "440307": "5",
};

export const LISTING = `mutation ($id: ID!, $listed: Boolean!, $profile: String, $reason: String) {
  setDirectoryListing(volunteerId: $id, listed: $listed, profile: $profile, reason: $reason) {
    id listedInDirectory profile serviceForms
  }
}`;

/** An APPOINTED volunteer of the tests' own, listed in the directory unless told otherwise. */
export async function expert(
  fed: Federation,
  options: {
    categories?: string[];
    expertType?: string;
    branchId?: string;
    form?: "ONLINE" | "OFFLINE" | "BOTH";
    listed?: boolean;
    name?: string;
  } = {},
): Promise<string> {
  const { id } = await register(
    fed,
    applicant({
      categories: options.categories ?? ["FINANCING"],
      expertType: options.expertType ?? "FINANCE",
      branchId: options.branchId ?? "3",
      ...(options.name ? { name: options.name } : {}),
    }),
  );
  await appoint(fed, id, agreement({ form: options.form ?? "BOTH" }));
  if (options.listed ?? true)
    await execute(fed.gatewayUrl, {
      query: LISTING,
      variables: { id, listed: true, profile: "十年银行信贷经验，帮助中小企业对接融资渠道" },
      token: await fed.token("CITY_ADMIN"),
    });
  return id;
}

/** A valid unified social credit code no demo demand has. */
export function freshCreditCode(): string {
  const first17 = `9144030${next().padStart(7, "0")}MA5`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

/** A FILED demo station of the district (its externalId). */
export function filedStation(fed: Federation, districtCode: string): string {
  const station = fed.demo.stations.find(
    (s) => s.districtCode === districtCode && s.status === "FILED",
  );
  if (!station) throw new Error(`no FILED demo station in ${districtCode}`);
  return station.externalId;
}

/** A demand of the tests' own, published through the contract; its id and credit code. */
export async function demandIn(
  fed: Federation,
  districtCode: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; creditCode: string; externalId: string }> {
  const externalId = `CL-DM-${next()}`;
  const creditCode = freshCreditCode();
  const admin = await fed.token("CITY_ADMIN");
  const result = await execute<{ publishDemands: unknown }>(fed.gatewayUrl, {
    query: contractOperation("PublishDemands"),
    token: admin,
    variables: {
      districtCode,
      demands: [
        {
          externalId,
          stationExternalId: filedStation(fed, districtCode),
          enterpriseName: `深圳市测试科技有限公司${externalId}`,
          creditCode,
          category: "FINANCING",
          description: "需要对接银行信贷，缓解流动资金压力",
          collectedOn: fed.demo.anchor,
          ...overrides,
        },
      ],
    },
  });
  expect(result.publishDemands).toMatchObject({ created: 1, rejected: [] });
  const found = await execute<{ demandByExternalId: { id: string } }>(fed.gatewayUrl, {
    query: `query ($d: ID!, $e: String!) { demandByExternalId(districtCode: $d, externalId: $e) { id } }`,
    variables: { d: districtCode, e: externalId },
    token: admin,
  });
  return { id: found.demandByExternalId.id, creditCode, externalId };
}

export const BOOKING = `id status form message channel contactName contactPhone answerBy version reason
  demand { id status satisfaction } volunteer { id } menuItem { id title }`;
export const HISTORY = `history { actor action fromStatus toStatus demandFrom demandTo comment }`;
export const REQUEST = `mutation ($input: BookingRequestInput!) { requestBooking(input: $input) { ${BOOKING} } }`;

export function bookingInput(
  demandId: string,
  volunteerId: string,
  extra: Record<string, unknown> = {},
) {
  return {
    demandId,
    volunteerId,
    form: "ONLINE",
    message: "希望专家就银行贷款材料准备给予一对一指导",
    contactName: "王晓红",
    contactPhone: "13912345678",
    ...extra,
  };
}

export async function bookingOf(fed: Federation, id: string) {
  const data = await execute<{ booking: Booking }>(fed.gatewayUrl, {
    query: `query ($id: ID!) { booking(id: $id) { ${BOOKING} ${HISTORY} } }`,
    variables: { id },
    token: await fed.token("CITY_ADMIN"),
  });
  return data.booking;
}

/** Row counts of the booking tables and every demand's status: what a refusal must not change. */
export async function bookingState(fed: Federation) {
  const db = fed.subgraphs.districts.db;
  const [b] = await db.query("SELECT COUNT(*) AS n, SUM(version) AS v FROM booking");
  const [e] = await db.query("SELECT COUNT(*) AS n FROM booking_event");
  const demands: Array<{ id: unknown; status: string }> = await db.query(
    "SELECT id, status FROM demand WHERE externalId LIKE 'CL-DM-%' ORDER BY id",
  );
  return {
    bookings: Number(b.n),
    versions: Number(b.v ?? 0),
    events: Number(e.n),
    demands: demands.map((d) => `${String(d.id)}:${String(d.status)}`).join(","),
  };
}

/** Sends and expects the error code, and that the booking tables and demands did not change. */
export async function refused(fed: Federation, request: Request, code: string) {
  return expectRefusedUnchanged(fed.gatewayUrl, request, code, () => bookingState(fed));
}
