// The dashboard's rollups stay equal to the raw SQL figures while districts publish, correct and
// delete at random through the gateway: new activities and demands, activities moved to another
// month or category with crews replaced, shrunk or emptied (participations deleted), demands moved
// on, re-dated and re-categorised. After every round, each figure for ranges that start and end
// mid-month, on month edges and within one month equals the same figure computed from raw rows.
import { addDays, today } from "../../runtime/dates";
import type { DataSource } from "typeorm";
import { FocusGroup, ServiceCategory } from "../../subgraphs/shared/vocabulary";
import { ActivityType } from "../../subgraphs/districts/vocabulary";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import {
  activityFigures,
  demandCounts,
  idleStationCounts,
  rawActivityFigures,
  rawDemandCounts,
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
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

let fed: Federation;
let admin: string;
let db: DataSource;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
  db = fed.subgraphs.districts.db;
});
afterAll(() => fed?.stop());

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}

const rnd = random(30);
const TODAY = today();
const code = (body: string) => body + creditCodeCheckChar(body);
const send = async (name: string, variables: Record<string, unknown>) =>
  execute(fed.gatewayUrl, { query: contractOperation(name), variables, token: admin });

const old = () => addDays(TODAY, -500);
const stationsOf = (district: string) =>
  fed.demo.stations.filter(
    (s) =>
      s.districtCode === district &&
      s.status === "FILED" &&
      s.filedAt &&
      new Date(s.filedAt).toISOString().slice(0, 10) < old(),
  );
const volunteers = () =>
  fed.demo.volunteers.filter(
    (v) => v.status === "APPOINTED" && v.agreement && v.agreement.validFrom < old(),
  );

const DISTRICTS = ["440303", "440305", "440306"];
const activities = new Map<string, { district: string; station: string }>();
const demands = new Map<string, { district: string; station: string; status: string }>();

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
    satisfaction: resolved && rnd.next() < 0.7 ? rnd.int(1, 5) : null,
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
    written += sent.publishDemands.created + sent.publishDemands.updated;
  }
  return written;
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
      cutoffAt: new Date(`${cutoff}T00:00:00+08:00`),
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
}, 240_000);
