// The dashboard's rollups stay equal to the raw SQL figures while districts publish, correct and
// delete at random through the gateway: new activities and demands, activities moved to another
// month or category with crews replaced, shrunk or emptied (participations deleted), demands moved
// on, re-dated and re-categorised; and the writes of self-service: accepted record corrections
// (hours changed or a participation added), enterprises' own ratings, online submissions (with a
// station or none) and routes to another station. After every round, each figure for ranges that
// start and end mid-month, on month edges and within one month equals the same figure computed
// from raw rows, and each station's last demand date its demands' latest.
import { addDays, businessDate, startOfBusinessDay, today } from "../../runtime/dates";
import type { DataSource } from "typeorm";
import { FocusGroup, ServiceCategory } from "../../subgraphs/shared/vocabulary";
import { ActivityType } from "../../subgraphs/districts/vocabulary";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import {
  activityFigures,
  demandCounts,
  idleStationCounts,
  openDemandCounts,
  rawActivityFigures,
  rawDemandCounts,
  rawOpenDemandCounts,
  rawServiceHours,
  serviceHours,
} from "../../subgraphs/districts/services/district-figures.service";
import {
  demandCube,
  rawDemandCube,
  rollUpDemands,
} from "../../subgraphs/districts/services/demand-stats.service";
import {
  rawServiceTrend,
  serviceTrend,
} from "../../subgraphs/districts/services/service-trend.service";
import { ensureDistricts } from "../../subgraphs/districts/seed";
import { random } from "../helpers/random";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

/** What the mutations here answer, by field: the counts written, or the row's id and status. */
type Written = Record<string, { created: number; updated: number; rejected: unknown[] }>;
type Changed = Record<string, { id: string; status: string }>;

let fed: Federation;
let admin: string;
let db: DataSource;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  db = fed.subgraphs.districts.db;
});
afterAll(() => fed?.stop());

const rnd = random(30);
const TODAY = today();
const code = (body: string) => body + creditCodeCheckChar(body);
const send = async (name: string, variables: Record<string, unknown>) =>
  execute<Written>(fed.gatewayUrl, { query: contractOperation(name), variables, token: admin });

const old = () => addDays(TODAY, -500);
const stationsOf = (district: string) =>
  fed.demo.stations.filter(
    (s) =>
      s.districtCode === district &&
      s.status === "FILED" &&
      s.filedAt &&
      businessDate(new Date(s.filedAt)) < old(),
  );
const volunteers = () =>
  fed.demo.volunteers.filter(
    (v) => v.status === "APPOINTED" && v.agreement && v.agreement.validFrom < old(),
  );

const DISTRICTS = ["440303", "440305", "440306"];
const activities = new Map<string, { district: string; station: string }>();
const demands = new Map<string, { district: string; station: string; status: string }>();
/** Demands their enterprise rated itself: their district no longer sends a satisfaction. */
const rated = new Set<string>();
/** Writes of each self-service kind done, so that the test proves it exercised them all. */
const selfService = { corrections: 0, ratings: 0, submissions: 0, routes: 0 };

function activityRow(externalId: string, station: string) {
  const crew = [...new Set(Array.from({ length: rnd.int(0, 3) }, () => rnd.pick(volunteers())))];
  return {
    externalId,
    stationExternalId: station,
    type: ActivityType.CONSULTATION,
    category: rnd.pick(Object.values(ServiceCategory)),
    title: `汇总测试活动 ${externalId}`,
    heldOn: addDays(TODAY, -rnd.int(0, 200)),
    feeCharged: 0,
    enterprisesServed: rnd.int(0, 5),
    participants: crew.map((v) => ({
      volunteerId: String(v.id),
      hours: rnd.int(1, 16) / 4 + rnd.pick([0, 0.01, 0.33]),
    })),
  };
}

function demandRow(externalId: string, station: string, status: string) {
  const resolved = status === "RESOLVED";
  return {
    externalId,
    stationExternalId: station,
    enterpriseName: `汇总测试企业 ${externalId}`,
    creditCode: code(`91440300MA5R${String(10_000 + rnd.int(0, 89_999))}`),
    category: rnd.pick(Object.values(ServiceCategory)),
    focusGroup: rnd.next() < 0.4 ? null : rnd.pick(Object.values(FocusGroup)),
    specialised: rnd.next() < 0.5,
    description: "汇总测试",
    status,
    satisfaction: resolved && !rated.has(externalId) && rnd.next() < 0.7 ? rnd.int(1, 5) : null,
    collectedOn: addDays(TODAY, -rnd.int(0, 200)),
  };
}

/** One round: new rows and corrections of earlier ones, in one batch per district and kind. */
async function round(n: number) {
  let written = 0;
  for (const district of DISTRICTS) {
    const stations = stationsOf(district).map((s) => s.externalId);
    const acts = [...activities].filter(([, a]) => a.district === district);
    const rows = [
      ...Array.from({ length: rnd.int(2, 5) }, (_, i) => {
        const id = `RU-AC-${district}-${n}-${i}`;
        const station = rnd.pick(stations);
        activities.set(id, { district, station });
        return activityRow(id, station);
      }),
      // Corrections: another date, category, enterprises and crew (also none: all deleted).
      ...acts.slice(0, rnd.int(0, 3)).map(([id, a]) => activityRow(id, a.station)),
    ];
    const published = await send("PublishActivities", { districtCode: district, activities: rows });
    written += published.publishActivities.created + published.publishActivities.updated;
    const dems = [...demands].filter(([, d]) => d.district === district);
    const demandRows = [
      ...Array.from({ length: rnd.int(2, 5) }, (_, i) => {
        const id = `RU-DM-${district.slice(-2)}${n}${i}`;
        const station = rnd.pick(stations);
        demands.set(id, { district, station, status: "OPEN" });
        return demandRow(id, station, rnd.pick(["OPEN", "OPEN", "RESOLVED"]));
      }),
      ...dems.slice(0, rnd.int(0, 3)).map(([id, d]) => demandRow(id, d.station, "RESOLVED")),
    ];
    const sent = await send("PublishDemands", { districtCode: district, demands: demandRows });
    expect(sent.publishDemands.rejected).toEqual([]);
    written += sent.publishDemands.created + sent.publishDemands.updated;
    await selfServiceRound(district, stations);
  }
  return written;
}

/** Sends an operation that must succeed (an inline one: not all of these are contract operations). */
const run = async (query: string, variables: Record<string, unknown>, token: string) =>
  execute<Changed>(fed.gatewayUrl, { query, variables, token });

/** The self-service writes of one district's round (docs/self-service.md). */
async function selfServiceRound(district: string, stations: string[]) {
  await correctRecord(district);
  await rateOne(district);
  // An online submission, at a station or waiting to be routed, and a route of an open demand.
  const submitted = await run(
    `mutation ($input: SubmitDemandInput!) { submitDemand(input: $input) { id } }`,
    {
      input: {
        districtCode: district,
        ...(rnd.next() < 0.5 ? { stationExternalId: rnd.pick(stations) } : {}),
        enterpriseName: "汇总测试线上企业",
        category: rnd.pick(Object.values(ServiceCategory)),
        focusGroup: rnd.next() < 0.4 ? null : rnd.pick(Object.values(FocusGroup)),
        specialised: rnd.next() < 0.5,
        description: "线上提交的诉求，汇总测试",
      },
    },
    await fed.token("ENTERPRISE", {
      creditCode: code(`91440300MA5T${10_000 + rnd.int(0, 89_999)}`),
    }),
  );
  expect(submitted.submitDemand.id).toBeDefined();
  selfService.submissions++;
  const open: Array<{ id: unknown; stationId: unknown }> = await db.query(
    `SELECT id, stationId FROM demand WHERE districtCode = ? AND status = 'OPEN'
       AND (externalId LIKE 'RU-DM-%' OR channel = 'ONLINE') ORDER BY id`,
    [district],
  );
  const demand = rnd.pick(open);
  const current = fed.demo.stations.find((s) => s.id === Number(demand.stationId))?.externalId;
  const to = rnd.pick(stations.filter((s) => s !== current));
  await run(
    `mutation ($id: ID!, $s: String!) { routeDemand(id: $id, stationExternalId: $s) { id } }`,
    { id: String(demand.id), s: to },
    admin,
  );
  selfService.routes++;
}

/** A volunteer asks to correct (or add) its hours at one of the round's activities; accepted. */
async function correctRecord(district: string) {
  const [activity] = await db.query(
    `SELECT id FROM activity WHERE districtCode = ? AND externalId LIKE 'RU-AC-%' ORDER BY id DESC LIMIT 1 OFFSET ?`,
    [district, rnd.int(0, 3)],
  );
  if (!activity) return;
  const crew: Array<{ volunteerId: unknown }> = await db.query(
    "SELECT volunteerId FROM participation WHERE activityId = ?",
    [activity.id],
  );
  // Someone of its crew (its hours change) or someone left out (a participation is added).
  const volunteerId =
    crew.length && rnd.next() < 0.5
      ? String(rnd.pick(crew).volunteerId)
      : String(rnd.pick(volunteers()).id);
  const asked = await run(
    `mutation ($input: RecordCorrectionInput!) { requestRecordCorrection(input: $input) { id } }`,
    {
      input: {
        activityId: String(activity.id),
        claimedHours: rnd.int(50, 2400) / 100,
        reason: "活动当天实际服务时长有误",
      },
    },
    await fed.token("VOLUNTEER", { volunteerId }),
  );
  const decided = await run(
    `mutation ($id: ID!) { decideRecordCorrection(id: $id, accept: true, comment: "已核实签到表") { status } }`,
    { id: asked.requestRecordCorrection.id },
    admin,
  );
  expect(decided.decideRecordCorrection.status).toBe("ACCEPTED");
  selfService.corrections++;
}

/** The enterprise of a RESOLVED demand not rated by it yet rates it itself. */
async function rateOne(district: string) {
  const [demand] = await db.query(
    `SELECT id, externalId, creditCode FROM demand WHERE districtCode = ? AND status = 'RESOLVED'
       AND ratedByEnterprise = ? AND externalId LIKE 'RU-DM-%' ORDER BY id LIMIT 1`,
    [district, false],
  );
  if (!demand) return;
  const done = await run(
    `mutation ($id: ID!, $s: Int!) { rateDemand(id: $id, satisfaction: $s) { id satisfaction } }`,
    { id: String(demand.id), s: rnd.int(1, 5) },
    await fed.token("ENTERPRISE", { creditCode: demand.creditCode }),
  );
  expect(done.rateDemand.id).toBe(String(demand.id));
  rated.add(demand.externalId);
  selfService.ratings++;
}

const ranges = () => {
  const monthStart = `${addDays(TODAY, -120).slice(0, 7)}-01`;
  return [
    { from: addDays(TODAY, -364), to: TODAY },
    { from: addDays(TODAY, -rnd.int(30, 250)), to: addDays(TODAY, -rnd.int(0, 29)) },
    { from: monthStart, to: addDays(`${addDays(TODAY, -30).slice(0, 7)}-01`, -1) },
    { from: addDays(monthStart, 3), to: addDays(monthStart, 20) },
  ];
};

async function expectRollupsEqualRaw() {
  const codes = DISTRICTS;
  expect(await openDemandCounts(db, codes)).toEqual(await rawOpenDemandCounts(db, codes));
  for (const { from, to } of ranges()) {
    const raw = [{ from, to }];
    expect(await demandCounts(db, codes, from, to)).toEqual(await rawDemandCounts(db, codes, raw));
    expect(await activityFigures(db, codes, from, to)).toEqual(
      await rawActivityFigures(db, codes, raw),
    );
    expect(await serviceHours(db, codes, from, to)).toEqual(await rawServiceHours(db, codes, raw));
    for (const district of [null, ...codes]) {
      expect(rollUpDemands(await demandCube(db, from, to, district))).toEqual(
        rollUpDemands(await rawDemandCube(db, raw, district)),
      );
      const trend = await serviceTrend(db, from, to, district);
      const rawTrend = await rawServiceTrend(db, from, to, district);
      for (const month of trend) {
        const a = rawTrend.activities.find((r: any) => r.k === month.month);
        const h = rawTrend.hours.find((r: any) => r.k === month.month);
        expect([month.activities, month.enterprisesServed, month.serviceHours]).toEqual([
          Number(a?.n ?? 0),
          Number(a?.enterprises ?? 0),
          Math.round(Number(h?.hours ?? 0) * 100) / 100,
        ]);
      }
    }
  }
  // Each station's last demand date, and the idle rule from it (also for a past asOf).
  const drift = await db.query(
    `SELECT COUNT(*) AS n FROM station s WHERE NOT (s.lastDemandOn <=> (SELECT MAX(d.collectedOn) FROM demand d WHERE d.stationId = s.id))`.replace(
      "<=>",
      db.options.type === "better-sqlite3" ? "IS" : "<=>",
    ),
  );
  expect(Number(drift[0].n)).toBe(0);
  for (const asOf of [TODAY, addDays(TODAY, -rnd.int(1, 150))])
    expect(await idleStationCounts(db, codes, asOf)).toEqual(await rawIdle(codes, asOf));
}

async function rawIdle(codes: string[], asOf: string) {
  const cutoff = addDays(asOf, -90);
  const rows: Array<{ code: string; n: unknown }> = await db
    .createQueryBuilder()
    .select("s.districtCode", "code")
    .addSelect("COUNT(*)", "n")
    .from("station", "s")
    .where("s.districtCode IN (:...codes) AND s.status = 'FILED'", { codes })
    .andWhere("(s.filedAt IS NULL OR s.filedAt < :cutoffAt)", {
      cutoffAt: startOfBusinessDay(cutoff),
    })
    .andWhere(
      "NOT EXISTS (SELECT 1 FROM demand d WHERE d.stationId = s.id AND d.collectedOn >= :cutoff AND d.collectedOn <= :asOf)",
      { cutoff, asOf },
    )
    .groupBy("s.districtCode")
    .getRawMany();
  return codes.map((c) => Number(rows.find((r) => r.code === c)?.n ?? 0));
}

it("keeps every rollup figure equal to the raw SQL through random publishes and corrections", async () => {
  await expectRollupsEqualRaw();
  let written = 0;
  for (let n = 0; n < 4; n++) {
    written += await round(n);
    await expectRollupsEqualRaw();
  }
  // The rounds did write (a test whose publishes were all refused would prove nothing).
  expect(written).toBeGreaterThan(40);
  expect(selfService.corrections).toBeGreaterThan(4);
  expect(selfService.ratings).toBeGreaterThan(2);
  expect(selfService.submissions).toBe(12);
  expect(selfService.routes).toBe(12);
}, 360_000);

it("builds a rollup table found empty beside rows at start (a SQLite file synchronised before it existed)", async () => {
  for (const table of ["demand_day", "demand_open"]) {
    await db.query(`DELETE FROM \`${table}\``);
    await ensureDistricts(db);
    const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
    expect(Number(n)).toBeGreaterThan(0);
    await expectRollupsEqualRaw();
  }
}, 120_000);

it("two replicas starting at once on an emptied rollup table rebuild it once, whole", async () => {
  await db.query("DELETE FROM `demand_month`");
  // On MySQL each takes a connection of its own from the pool, as two replicas would.
  const [first, second] = await Promise.all([ensureDistricts(db), ensureDistricts(db)]);
  expect([first, second].filter(Boolean)).toHaveLength(1);
  const [{ n }] = await db.query("SELECT COUNT(*) AS n FROM `demand_month`");
  expect(Number(n)).toBeGreaterThan(0);
  await expectRollupsEqualRaw();
}, 120_000);
