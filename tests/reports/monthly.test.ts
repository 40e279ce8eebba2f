// Closed reporting months through the gateway (docs/reports.md): a closed month's totals equal
// the dashboard's for the month, closing again without a change keeps the revision, a late publish
// makes the next revision with what moved and the events that moved it, earlier revisions stay
// readable, who may close and read what; the scheduled close, also from two processes at once.
import { addDays, previousMonth, today } from "../../runtime/dates";
import { nthWorkingDayAfterMonth } from "../../runtime/working-days";
import { runScheduledClose } from "../../subgraphs/districts/jobs/monthly-close";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";

type Station = { id: string; externalId: string; district: { code: string } };
/** A station's row of a month (its figures are read by name). */
type Row = { station: Station; idle: boolean; [figure: string]: unknown };
type Page = {
  totalCount: number;
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
type Closed = { revision: number; stationCount: number };
type Total = {
  district: { code: string };
  activities: number;
  enterprisesServed: number;
  idleStations: number;
};
type Change = {
  station: { id: string } | null;
  district: { code: string };
  moved: unknown;
  causes: unknown;
};
type Month = { reportingMonth: { revision: number; districtTotals: Total[]; changes: Change[] } };
type StationRow = {
  revision: number;
  activities: number;
  enterprisesServed: number;
  station: Station;
};
type Assessed = {
  rank: number;
  score: number;
  monthsReported: number;
  activities: number;
  enterprisesServed: number;
  serviceHours: number;
  demandsCollected: number;
  resolutionRate: number | null;
  meanSatisfaction: number | null;
  monthsIdle: number;
  station: Station;
};
type Assessment = {
  stationAssessment: {
    closedMonths: string[];
    weights: Array<{ figure: string; weight: number }>;
    stations: Assessed[];
  };
};

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const CLOSE = contractOperation("CloseReportingMonth");
const REPORTS = contractOperation("StationMonthlyReports");
/** A month of the demo data well in the past, and the one before it for the scheduled close. */
const MONTH = previousMonth(previousMonth(addDays(today(), -40)));
const lastDay = (month: string) =>
  addDays(nthWorkingDayAfterMonth(month, 1).slice(0, 8) + "01", -1);

const DASHBOARD = `query ($from: Date!, $to: Date!, $asOf: Date) {
  districts { code activityCount(from: $from, to: $to) enterprisesServed(from: $from, to: $to)
    serviceHours(from: $from, to: $to) demandCount(from: $from, to: $to) idleStationCount(asOf: $asOf) }
  demandStats(from: $from, to: $to) { total resolved averageSatisfaction } }`;

const TOTALS = `query ($month: String!, $revision: Int) { reportingMonth(month: $month, revision: $revision) {
  month revision stationCount
  districtTotals { district { code } activities enterprisesServed serviceHours demandsCollected
    demandsResolved meanSatisfaction idleStations }
  changes { station { id } district { code } moved { figure before after }
    causes { source eventId subject action actor } } } }`;

/** Every page of a month's station reports. */
async function allReports(token: string, variables: Record<string, unknown>) {
  const nodes: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = (
      await execute<{ stationMonthlyReports: Page }>(fed.gatewayUrl, {
        query: REPORTS,
        variables: { ...variables, first: 100, after },
        token,
      })
    ).stationMonthlyReports;
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return { totalCount: page.totalCount, nodes };
    after = page.pageInfo.endCursor;
  }
}

const sum = (rows: any[], key: string) => rows.reduce((s, r) => s + Number(r[key]), 0);

describe("closing a month", () => {
  let closed: Closed;
  beforeAll(async () => {
    closed = (
      await execute<{ closeReportingMonth: Closed }>(fed.gatewayUrl, {
        query: CLOSE,
        variables: { month: MONTH },
        token: admin,
      })
    ).closeReportingMonth;
  });

  it("stores revision 1 with every station filed in the month", () => {
    expect(closed).toMatchObject({ month: MONTH, revision: 1 });
    expect(closed.stationCount).toBeGreaterThan(10);
  });

  it("has the dashboard's figures for the month, per district and in total", async () => {
    const to = lastDay(MONTH);
    const dash = await execute<{
      districts: Array<{
        code: string;
        activityCount: number;
        enterprisesServed: number;
        serviceHours: number;
        demandCount: number;
        idleStationCount: number;
      }>;
      demandStats: { resolved: number; total: number };
    }>(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: { from: `${MONTH}-01`, to, asOf: to },
      token: admin,
    });
    const month = (
      await execute<Month>(fed.gatewayUrl, {
        query: TOTALS,
        variables: { month: MONTH },
        token: admin,
      })
    ).reportingMonth;
    const byCode = new Map(month.districtTotals.map((t) => [t.district.code, t]));
    for (const d of dash.districts) {
      expect({ code: d.code, ...pick(byCode.get(d.code)) }).toEqual({
        code: d.code,
        activities: d.activityCount,
        enterprisesServed: d.enterprisesServed,
        serviceHours: d.serviceHours,
        demandsCollected: d.demandCount,
        idleStations: d.idleStationCount,
      });
    }
    expect(sum(month.districtTotals, "demandsResolved")).toBe(dash.demandStats.resolved);
    expect(sum(month.districtTotals, "demandsCollected")).toBe(dash.demandStats.total);
    expect(sum(month.districtTotals, "activities")).toBeGreaterThan(0);

    // The stations' rows add up to their districts' totals, less what is at no station of the month.
    const { totalCount, nodes } = await allReports(admin, { month: MONTH });
    expect(totalCount).toBe(closed.stationCount);
    expect(nodes).toHaveLength(closed.stationCount);
    const atStations = (code: string, key: string) =>
      sum(
        nodes.filter((n) => n.station.district.code === code),
        key,
      );
    const reported = new Set(nodes.map((n) => Number(n.station.id)));
    for (const t of month.districtTotals) {
      const code = t.district.code;
      const elsewhere = fed.demo.activities.filter(
        (a) =>
          a.districtCode === code &&
          a.heldOn.startsWith(MONTH) &&
          (a.stationId === null || !reported.has(a.stationId)),
      );
      expect(atStations(code, "activities") + elsewhere.length).toBe(t.activities);
      expect(atStations(code, "enterprisesServed") + sum(elsewhere, "enterprisesServed")).toBe(
        t.enterprisesServed,
      );
      const idleHere = nodes.filter((n) => n.station.district.code === code && n.idle);
      expect(idleHere.length).toBe(t.idleStations);
    }
  });

  it("closes to the same revision when nothing changed", async () => {
    const again = await execute<{ closeReportingMonth: unknown }>(fed.gatewayUrl, {
      query: CLOSE,
      variables: { month: MONTH },
      token: admin,
    });
    expect(again.closeReportingMonth).toEqual(closed);
  });
});

const pick = (t: any) => ({
  activities: t.activities,
  enterprisesServed: t.enterprisesServed,
  serviceHours: t.serviceHours,
  demandsCollected: t.demandsCollected,
  idleStations: t.idleStations,
});

describe("revisions", () => {
  const STATION_ROWS = `query ($month: String!, $districtCode: ID, $revision: Int) {
    stationMonthlyReports(month: $month, districtCode: $districtCode, revision: $revision, first: 100) {
      nodes { revision activities enterprisesServed station { id externalId district { code } } } } }`;
  let station: Station;
  let before: StationRow;
  let revised: Closed;
  beforeAll(async () => {
    await execute(fed.gatewayUrl, { query: CLOSE, variables: { month: MONTH }, token: admin });
    const rows = (
      await execute<{ stationMonthlyReports: { nodes: StationRow[] } }>(fed.gatewayUrl, {
        query: STATION_ROWS,
        variables: { month: MONTH, districtCode: "440308" },
        token: admin,
      })
    ).stationMonthlyReports.nodes;
    before = rows[0];
    station = before.station;
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440308" });
    const published = await execute<{ publishActivities: unknown }>(fed.gatewayUrl, {
      query: `mutation ($districtCode: ID!, $activities: [ActivityInput!]!) {
        publishActivities(districtCode: $districtCode, activities: $activities) { created rejected { message } } }`,
      variables: {
        districtCode: "440308",
        activities: [
          {
            externalId: `late-${MONTH}`,
            stationExternalId: station.externalId,
            type: "SALON",
            category: "FINANCING",
            title: "迟报的沙龙",
            heldOn: `${MONTH}-15`,
            enterprisesServed: 4,
            participants: [],
          },
        ],
      },
      token: operator,
    });
    expect(published.publishActivities).toEqual({ created: 1, rejected: [] });
    revised = (
      await execute<{ closeReportingMonth: Closed }>(fed.gatewayUrl, {
        query: CLOSE,
        variables: { month: MONTH },
        token: admin,
      })
    ).closeReportingMonth;
  });

  it("a late publish makes the next revision, with the figures that moved and the event that moved them", async () => {
    expect(revised.revision).toBe(2);
    const month = (
      await execute<Month>(fed.gatewayUrl, {
        query: TOTALS,
        variables: { month: MONTH },
        token: admin,
      })
    ).reportingMonth;
    expect(month.revision).toBe(2);
    const change = month.changes.find((c) => c.station?.id === station.id)!;
    expect(change.moved).toEqual([
      {
        figure: "activities",
        before: String(before.activities),
        after: String(before.activities + 1),
      },
      {
        figure: "enterprisesServed",
        before: String(before.enterprisesServed),
        after: String(before.enterprisesServed + 4),
      },
    ]);
    expect(change.causes).toEqual([
      expect.objectContaining({
        source: "activity_event",
        action: "PUBLISH",
        actor: "test-district_operator",
      }),
    ]);
    // The district's totals moved with it; no other station did.
    expect(month.changes.filter((c) => c.station && c.station.id !== station.id)).toEqual([]);
    expect(month.changes.find((c) => c.station === null)!.district.code).toBe("440308");
  });

  it("answers the latest revision, and an earlier one when asked", async () => {
    const read = async (revision: number | null) =>
      (
        await execute<{ stationMonthlyReports: { nodes: StationRow[] } }>(fed.gatewayUrl, {
          query: STATION_ROWS,
          variables: { month: MONTH, districtCode: "440308", revision },
          token: admin,
        })
      ).stationMonthlyReports.nodes.find((n) => n.station.id === station.id);
    expect(await read(null)).toMatchObject({ revision: 2, activities: before.activities + 1 });
    expect(await read(1)).toMatchObject({ revision: 1, activities: before.activities });
    const first = (
      await execute<Month>(fed.gatewayUrl, {
        query: TOTALS,
        variables: { month: MONTH, revision: 1 },
        token: admin,
      })
    ).reportingMonth;
    expect(first.changes).toEqual([]);
  });

  it("closes to the same revision again, and audits each revision once", async () => {
    const again = (
      await execute<{ closeReportingMonth: unknown }>(fed.gatewayUrl, {
        query: CLOSE,
        variables: { month: MONTH },
        token: admin,
      })
    ).closeReportingMonth;
    expect(again).toEqual(revised);
    const events = await fed.subgraphs.districts.db.query(
      "SELECT action, revision, actor FROM reporting_month_event WHERE month = ? ORDER BY id",
      [MONTH],
    );
    expect(events).toEqual([
      { action: "CLOSE", revision: 1, actor: "test-city_admin" },
      { action: "REVISE", revision: 2, actor: "test-city_admin" },
    ]);
  });
});

describe("who may close and read", () => {
  it("lets a DISTRICT_OPERATOR read its own district's stations only", async () => {
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440303" });
    const own = await allReports(operator, { month: MONTH });
    expect(own.nodes.length).toBeGreaterThan(0);
    expect(new Set(own.nodes.map((n) => n.station.district.code))).toEqual(new Set(["440303"]));
    const all = await allReports(admin, { month: MONTH });
    expect(own.totalCount).toBeLessThan(all.totalCount);
    // The dashboard's viewer reads the city, as the CITY_ADMIN does, but may not close.
    const viewer = await fed.token("DASHBOARD_VIEWER");
    expect((await allReports(viewer, { month: MONTH })).nodes).toEqual(all.nodes);
    await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { month: MONTH }, token: viewer },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: REPORTS, variables: { month: MONTH, districtCode: "440308" }, token: operator },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { month: MONTH }, token: operator },
      "FORBIDDEN",
    );
  });

  it("refuses the anonymous, a month not closed, not ended or not a month", async () => {
    await executeExpectingError(
      fed.gatewayUrl,
      { query: REPORTS, variables: { month: MONTH } },
      "UNAUTHENTICATED",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: REPORTS, variables: { month: "2001-01" }, token: admin },
      "NOT_FOUND",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { month: today().slice(0, 7) }, token: admin },
      "BAD_USER_INPUT",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { month: "2026-13" }, token: admin },
      "BAD_USER_INPUT",
    );
  });

  it("closes and reads only months from 2000-01 to 2100-12, and revisions from 1", async () => {
    for (const month of ["0000-01", "0001-01", "1899-12", "1970-01", "1999-12", "9999-12"]) {
      const closing = await executeExpectingError(
        fed.gatewayUrl,
        { query: CLOSE, variables: { month }, token: admin },
        "BAD_USER_INPUT",
      );
      expect(closing.errors![0].message).toBe(
        `month ${month} is out of range: reporting months run from 2000-01 to 2100-12`,
      );
      await executeExpectingError(
        fed.gatewayUrl,
        { query: REPORTS, variables: { month }, token: admin },
        "BAD_USER_INPUT",
      );
    }
    const future = await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { month: "2100-12" }, token: admin },
      "BAD_USER_INPUT",
    );
    expect(future.errors![0].message).toMatch(/has not ended yet/);
    const REVISION = `query ($month: String!, $revision: Int) {
      stationMonthlyReports(month: $month, revision: $revision, first: 1) { totalCount } }`;
    for (const revision of [0, -1]) {
      const read = await executeExpectingError(
        fed.gatewayUrl,
        { query: REVISION, variables: { month: MONTH, revision }, token: admin },
        "BAD_USER_INPUT",
      );
      expect(read.errors![0].message).toBe(
        `revision ${revision} is not a revision number: revisions count from 1`,
      );
    }
  });
});

describe("the scheduled close", () => {
  const month = previousMonth(addDays(today(), -40));
  const closeDay = nthWorkingDayAfterMonth(month, 3);
  const at = (day: string) => new Date(`${day}T02:00:00Z`); // 10:00 in Shenzhen

  it("waits for the 3rd working day after the month, then closes it once, from two processes at once", async () => {
    const db = fed.subgraphs.districts.db;
    expect(await runScheduledClose(db, 3, at(addDays(closeDay, -1)))).toBeNull();
    const [a, b] = await Promise.all([
      runScheduledClose(db, 3, at(closeDay)),
      runScheduledClose(db, 3, at(closeDay)),
    ]);
    const closed = a ?? b;
    expect(closed).toMatchObject({ month, revision: 1, closedBy: "system:monthly-close" });
    const rows = await db.query("SELECT revision FROM reporting_month WHERE month = ?", [month]);
    expect(rows).toEqual([{ revision: 1 }]);
    // Once closed, later checks leave it to the CITY_ADMIN's re-close.
    expect(await runScheduledClose(db, 3, at(addDays(closeDay, 1)))).toBeNull();
  });
});

describe("the stations' assessment (考核)", () => {
  const ASSESS = `query ($year: Int!, $districtCode: ID) { stationAssessment(year: $year, districtCode: $districtCode) {
    year closedMonths weights { figure weight }
    stations { rank score monthsReported activities enterprisesServed serviceHours demandsCollected
      demandsResolved resolutionRate meanSatisfaction monthsIdle station { id district { code } } } } }`;
  const year = Number(MONTH.slice(0, 4));
  const months = [MONTH, previousMonth(MONTH), previousMonth(previousMonth(MONTH))].filter((m) =>
    m.startsWith(String(year)),
  );
  let report: Assessment["stationAssessment"];
  beforeAll(async () => {
    for (const month of months)
      await execute(fed.gatewayUrl, { query: CLOSE, variables: { month }, token: admin });
    report = (
      await execute<Assessment>(fed.gatewayUrl, {
        query: ASSESS,
        variables: { year },
        token: admin,
      })
    ).stationAssessment;
  });

  it("sums each station's closed months and scores them by the configured weights", async () => {
    expect(report.closedMonths).toEqual(expect.arrayContaining(months));
    const w = Object.fromEntries(report.weights.map((x) => [x.figure, x.weight]));
    expect(w).toEqual({
      activities: 2,
      enterprisesServed: 1,
      serviceHours: 0.5,
      resolutionRate: 0.5,
      meanSatisfaction: 10,
      monthsIdle: -10,
    });
    const rows = (
      await Promise.all(report.closedMonths.map((month: string) => allReports(admin, { month })))
    ).flatMap((r) => r.nodes);
    const busiest = [...report.stations].sort((a, b) => b.activities - a.activities)[0];
    const own = rows.filter((r) => r.station.id === busiest.station.id);
    expect(busiest.monthsReported).toBe(own.length);
    expect(busiest.activities).toBe(sum(own, "activities"));
    expect(busiest.enterprisesServed).toBe(sum(own, "enterprisesServed"));
    expect(busiest.demandsCollected).toBe(sum(own, "demandsCollected"));
    expect(busiest.monthsIdle).toBe(own.filter((r) => r.idle).length);
    expect(busiest.activities).toBeGreaterThan(0);
    for (const s of report.stations) {
      const expected =
        w.activities * s.activities +
        w.enterprisesServed * s.enterprisesServed +
        w.serviceHours * s.serviceHours +
        w.resolutionRate * (s.resolutionRate ?? 0) * 100 +
        w.meanSatisfaction * (s.meanSatisfaction ?? 0) +
        w.monthsIdle * s.monthsIdle;
      expect(s.score).toBeCloseTo(expected, 1);
    }
  });

  it("ranks within each district, highest score first", () => {
    const byDistrict = new Map<string, Assessed[]>();
    for (const s of report.stations)
      byDistrict.set(s.station.district.code, [
        ...(byDistrict.get(s.station.district.code) ?? []),
        s,
      ]);
    expect(byDistrict.size).toBeGreaterThan(1);
    for (const list of byDistrict.values()) {
      expect(list[0].rank).toBe(1);
      for (let i = 1; i < list.length; i++) {
        expect(list[i].score).toBeLessThanOrEqual(list[i - 1].score);
        expect(list[i].rank).toBe(list[i].score === list[i - 1].score ? list[i - 1].rank : i + 1);
      }
    }
  });

  it("shows a district its own stations, and not another's", async () => {
    const operator = await fed.token("DISTRICT_OPERATOR", { district: "440303" });
    const own = (
      await execute<Assessment>(fed.gatewayUrl, {
        query: ASSESS,
        variables: { year },
        token: operator,
      })
    ).stationAssessment.stations;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.station.district.code === "440303")).toBe(true);
    expect(own).toEqual(report.stations.filter((s) => s.station.district.code === "440303"));
    await executeExpectingError(
      fed.gatewayUrl,
      { query: ASSESS, variables: { year, districtCode: "440308" }, token: operator },
      "FORBIDDEN",
    );
  });
});
