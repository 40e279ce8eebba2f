// Closed reporting months through the gateway (docs/reports.md): a closed month's totals equal
// the dashboard's for the month, closing again without a change keeps the revision, a late publish
// makes the next revision with what moved and the events that moved it, earlier revisions stay
// readable, who may close and read what; the scheduled close, also from two processes at once.
import { addDays, today } from "../../runtime/dates";
import { nthWorkingDayAfterMonth } from "../../runtime/working-days";
import { runScheduledClose, previousMonth } from "../../subgraphs/districts/jobs/monthly-close";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";

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
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (
      await execute(fed.gatewayUrl, {
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
  let closed: any;
  beforeAll(async () => {
    closed = (
      await execute(fed.gatewayUrl, { query: CLOSE, variables: { month: MONTH }, token: admin })
    ).closeReportingMonth;
  });

  it("stores revision 1 with every station filed in the month", () => {
    expect(closed).toMatchObject({ month: MONTH, revision: 1 });
    expect(closed.stationCount).toBeGreaterThan(10);
  });

  it("has the dashboard's figures for the month, per district and in total", async () => {
    const to = lastDay(MONTH);
    const dash = await execute(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: { from: `${MONTH}-01`, to, asOf: to },
      token: admin,
    });
    const month = (
      await execute(fed.gatewayUrl, { query: TOTALS, variables: { month: MONTH }, token: admin })
    ).reportingMonth;
    const byCode = new Map(month.districtTotals.map((t: any) => [t.district.code, t]));
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
    const again = await execute(fed.gatewayUrl, {
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
