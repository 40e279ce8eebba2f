// The corps' kept counts (volunteer_count) stay equal to the volunteers themselves while the corps
// office and applicants write at random through the gateway: registrations, online applications,
// appointments, suspensions, reinstatements, withdrawals, transfers to another branch (of the same
// or another district, or an industry branch), directory listings (which change no count), refused
// transitions, and pairs of writes of one volunteer sent at once (one of them may be refused).
// After every round the kept table equals the GROUP BY of the rows, and every figure read from it
// (corpsCube city-wide and per district, appointed volunteers per branch and per district) equals
// the same figure from the raw rows, and so do the city dashboard's and the branches' answers.
import type { DataSource } from "typeorm";
import { DISTRICTS } from "../../subgraphs/shared/vocabulary";
import { ExpertType } from "../../subgraphs/corps/vocabulary";
import {
  corpsCube,
  rawCorpsCube,
  rollUpCorps,
  type CorpsCell,
} from "../../subgraphs/corps/services/corps-stats.service";
import { rawServingCounts, servingCounts } from "../../subgraphs/corps/loaders";
import { random } from "../helpers/random";
import { ensureVolunteerCounts } from "../../subgraphs/corps/services/volunteer-counts";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, send } from "../helpers/graphql";
import { agreement, applicant } from "./fixtures";

let fed: Federation;
let admin: string;
let db: DataSource;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  db = fed.subgraphs.corps.db;
});
afterAll(() => fed?.stop());

const rnd = random(41);

const SUSPEND = `mutation ($id: ID!, $reason: String!) { suspendVolunteer(id: $id, reason: $reason) { id status } }`;
const WITHDRAW = `mutation ($id: ID!, $reason: String!) { withdrawVolunteer(id: $id, reason: $reason) { id status } }`;
const REINSTATE = `mutation ($id: ID!, $reason: String) { reinstateVolunteer(id: $id, reason: $reason) { id status } }`;
const APPLY = `mutation ($input: VolunteerInput!) { applyToCorps(input: $input) { id status } }`;
const LIST = `mutation ($id: ID!, $listed: Boolean!, $profile: String, $reason: String) {
  setDirectoryListing(volunteerId: $id, listed: $listed, profile: $profile, reason: $reason) { id } }`;

/** Writes done and refused, by kind: the test proves it exercised each. */
const done: Record<string, number> = {};
const refused: Record<string, number> = {};

/** Sends a write; counts it as done or refused (a refusal is fine: the counts must not move). */
async function write(
  kind: string,
  query: string,
  variables: Record<string, unknown>,
  token = admin,
) {
  const answer = await send<Record<string, { id: string }>>(fed.gatewayUrl, {
    query,
    variables,
    token,
  });
  if (answer.errors?.length) {
    const codes = answer.errors.map((e) => e.extensions?.code);
    // Only the refusals a random write can meet: an illegal move, or a concurrent one.
    expect(codes.every((c) => c === "CONFLICT" || c === "BAD_USER_INPUT")).toBe(true);
    refused[kind] = (refused[kind] ?? 0) + 1;
    return null;
  }
  done[kind] = (done[kind] ?? 0) + 1;
  return answer.data;
}

/** The volunteers as stored now: id, status and branch. */
async function volunteers(): Promise<Array<{ id: string; status: string; branchId: number }>> {
  const rows: Array<{ id: unknown; status: string; branchId: unknown }> = await db.query(
    "SELECT id, status, branchId FROM volunteer ORDER BY id",
  );
  return rows.map((r) => ({ id: String(r.id), status: r.status, branchId: Number(r.branchId) }));
}

const branchIds = () => fed.demo.branches.map((b) => b.id);
let applicants = 0;

/** The status a kind of write moves a volunteer from (most of the time: the rest is refused). */
const FROM: Record<string, string[]> = {
  appoint: ["APPLIED"],
  suspend: ["APPOINTED"],
  reinstate: ["SUSPENDED"],
  withdraw: ["APPLIED", "APPOINTED", "SUSPENDED"],
  list: ["APPOINTED"],
  transfer: ["APPLIED", "APPOINTED", "SUSPENDED"],
};
const KINDS = ["register", "apply", ...Object.keys(FROM), "transfer"];

/** One write of a random kind on a random volunteer (or a new one). */
async function randomWrite(all: Awaited<ReturnType<typeof volunteers>>) {
  const kind = rnd.pick(KINDS);
  const fitting = all.filter((v) => FROM[kind]?.includes(v.status));
  const v = fitting.length && rnd.next() < 0.8 ? rnd.pick(fitting) : rnd.pick(all);
  const reason = "计数测试";
  const newcomer = () =>
    applicant({
      branchId: String(rnd.pick(branchIds())),
      expertType: rnd.pick(Object.values(ExpertType)),
    });
  switch (kind) {
    case "register":
      return write(kind, contractOperation("RegisterVolunteer"), { input: newcomer() });
    case "apply": {
      const token = await fed.token("APPLICANT", { sub: `provider|counts-${++applicants}` });
      return write(kind, APPLY, { input: newcomer() }, token);
    }
    case "appoint":
      return write(kind, contractOperation("AppointVolunteer"), {
        id: v.id,
        agreement: agreement(),
      });
    case "suspend":
      return write(kind, SUSPEND, { id: v.id, reason });
    case "reinstate":
      return write(kind, REINSTATE, { id: v.id });
    case "withdraw":
      return write(kind, WITHDRAW, { id: v.id, reason });
    case "list":
      return write(kind, LIST, {
        id: v.id,
        listed: rnd.next() < 0.7,
        profile: "计数测试的专家简介，擅长政策咨询",
        reason,
      });
    default:
      return write(kind, contractOperation("TransferVolunteer"), {
        id: v.id,
        toBranchId: String(rnd.pick(branchIds().filter((b) => b !== v.branchId))),
        reason,
      });
  }
}

/** One round: writes one after another, then pairs of writes of one volunteer sent at once. */
async function round() {
  const fresh = (await volunteers()).filter((v) => Number(v.id) > fed.demo.volunteers.length);
  const pool = async () => [...(await volunteers()).slice(0, 40), ...fresh];
  for (let i = 0; i < 12; i++) await randomWrite(await pool());
  for (let i = 0; i < 3; i++) {
    const one = rnd.pick(await pool());
    // Two writes of one volunteer at once: both read it before either writes.
    await Promise.all([randomWrite([one]), randomWrite([one])]);
  }
}

const sorted = (cells: CorpsCell[]) =>
  [...cells].sort((a, b) =>
    `${a.expertType}|${a.status}|${a.kind}`.localeCompare(`${b.expertType}|${b.status}|${b.kind}`),
  );

async function expectCountsEqualRaw() {
  const kept: Array<Record<string, unknown>> = await db.query(
    "SELECT branchId, status, expertType, n FROM volunteer_count WHERE n <> 0 ORDER BY branchId, status, expertType",
  );
  const raw: Array<Record<string, unknown>> = await db.query(
    "SELECT branchId, status, expertType, COUNT(*) AS n FROM volunteer GROUP BY branchId, status, expertType ORDER BY branchId, status, expertType",
  );
  const plain = (rows: Array<Record<string, unknown>>) =>
    rows.map((r) => [Number(r.branchId), r.status, r.expertType, Number(r.n)]);
  expect(plain(kept)).toEqual(plain(raw));
  const [negative] = await db.query("SELECT COUNT(*) AS n FROM volunteer_count WHERE n < 0");
  expect(Number(negative.n)).toBe(0);
  for (const district of [null, ...DISTRICTS.map((d) => d.code)]) {
    const cells = await corpsCube(db, district);
    expect(sorted(cells)).toEqual(sorted(await rawCorpsCube(db, district)));
    expect(rollUpCorps(cells)).toEqual(rollUpCorps(await rawCorpsCube(db, district)));
  }
  const branches = [...branchIds(), 9999];
  expect(await servingCounts(db, "c.branchId", branches)).toEqual(
    await rawServingCounts(db, "v.branchId", branches),
  );
  const codes = [...DISTRICTS.map((d) => d.code), "440399"];
  expect(await servingCounts(db, "b.districtCode", codes)).toEqual(
    await rawServingCounts(db, "b.districtCode", codes),
  );
}

/** The same figures through the gateway: the city dashboard's and the branches' counts. */
async function expectAnswersEqualRaw() {
  const dashboard = await execute<{
    districts: Array<{ code: string; volunteerCount: number }>;
    corpsStats: {
      volunteers: number;
      appointed: number;
      byExpertType: Array<{ expertType: string; count: number }>;
    };
  }>(fed.gatewayUrl, {
    query: contractOperation("CityDashboard"),
    variables: { from: "2026-01-01", to: "2026-12-31" },
    token: admin,
  });
  const codes = dashboard.districts.map((d) => d.code);
  expect(dashboard.districts.map((d) => d.volunteerCount)).toEqual(
    await rawServingCounts(db, "b.districtCode", codes),
  );
  const raw = rollUpCorps(await rawCorpsCube(db, null));
  expect(dashboard.corpsStats).toEqual({
    volunteers: raw.volunteers,
    appointed: raw.appointed,
    byExpertType: raw.byExpertType.map(({ expertType, count }) => ({ expertType, count })),
  });
  const { branches } = await execute<{ branches: Array<{ id: string; volunteerCount: number }> }>(
    fed.gatewayUrl,
    { query: contractOperation("Branches"), variables: {}, token: admin },
  );
  expect(branches.map((b) => b.volunteerCount)).toEqual(
    await rawServingCounts(
      db,
      "v.branchId",
      branches.map((b) => Number(b.id)),
    ),
  );
}

it("keeps the corps' counts equal to the volunteers through random writes", async () => {
  await expectCountsEqualRaw();
  for (let n = 0; n < 5; n++) {
    await round();
    await expectCountsEqualRaw();
    await expectAnswersEqualRaw();
  }
  // The rounds did write each kind (a test whose writes were all refused would prove nothing).
  expect(Object.values(done).reduce((a, b) => a + b, 0)).toBeGreaterThan(30);
  expect(done.transfer).toBeGreaterThan(3);
  expect(Object.keys(done).sort()).toEqual(
    ["apply", "appoint", "list", "register", "reinstate", "suspend", "transfer", "withdraw"].sort(),
  );
}, 360_000);

it("builds the counts found empty beside volunteers at start (a SQLite file synchronised before they existed)", async () => {
  await db.query("DELETE FROM `volunteer_count`");
  await ensureVolunteerCounts(db);
  const [{ n }] = await db.query("SELECT COUNT(*) AS n FROM `volunteer_count`");
  expect(Number(n)).toBeGreaterThan(0);
  await expectCountsEqualRaw();
}, 60_000);

it("two replicas starting at once on emptied counts rebuild them once, whole", async () => {
  await db.query("DELETE FROM `volunteer_count`");
  // On MySQL each takes a connection of its own from the pool, as two replicas would.
  const built = await Promise.all([ensureVolunteerCounts(db), ensureVolunteerCounts(db)]);
  expect(built.filter(Boolean)).toHaveLength(1);
  await expectCountsEqualRaw();
}, 60_000);
