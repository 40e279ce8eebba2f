// CityDashboard through the gateway: every figure on the demo data against a recomputation, raw
// SQL agrees, who may read what, a bad range, and the SQL statements a request costs.
import { addDays, daysFromToday, today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError, send } from "../helpers/graphql";
import { corpsFigures, demandFigures, districtFigures, monthFigures } from "./recompute";

type Dashboard = {
  districts: Array<{ code: string; activityCount: number }>;
  demandStats: { total: number; resolved: number };
  serviceTrend: Array<{ activities: number }>;
};
type Corps = {
  districts: Array<{ volunteerCount: number }>;
  corpsStats: {
    volunteers: number;
    appointed: number;
    byBranchKind: Array<{ count: number; appointed: number }>;
  };
};

let fed: Federation;
let viewer: string;
beforeAll(async () => {
  fed = await bootFederation();
  viewer = await fed.token("DASHBOARD_VIEWER");
});
afterAll(() => fed?.stop());

const DASHBOARD = contractOperation("CityDashboard");
const lastYear = { from: daysFromToday(-365), to: today() };

describe("CityDashboard on the demo data", () => {
  let data: any;
  beforeAll(async () => {
    data = await execute(fed.gatewayUrl, { query: DASHBOARD, variables: lastYear, token: viewer });
  });

  it("has every district's figures as the demo data gives them", () => {
    expect(data.districts).toHaveLength(11);
    for (const row of data.districts) {
      const { code: _code, ...expected } = districtFigures(
        fed.demo,
        row.code,
        lastYear.from,
        lastYear.to,
      );
      const { code: _c, name: _n, ...actual } = row;
      expect({ code: row.code, ...actual }).toEqual({ code: row.code, ...expected });
    }
    // The demo data is rich enough for the comparison to mean something.
    const sum = (key: string) => data.districts.reduce((s: number, d: any) => s + d[key], 0);
    for (const key of ["stationCount", "idleStationCount", "openDemandCount", "activityCount"])
      expect(sum(key)).toBeGreaterThan(0);
  });

  it("has the city's demand statistics", () => {
    const expected = demandFigures(fed.demo, lastYear.from, lastYear.to);
    const stats = data.demandStats;
    expect(stats.total).toBe(expected.total);
    expect(stats.resolved).toBe(expected.resolved);
    expect(stats.resolutionRate).toBeCloseTo(expected.resolved / expected.total, 4);
    expect(stats.averageSatisfaction).toBeCloseTo(expected.averageSatisfaction!, 2);
    expect(stats.byCategory).toHaveLength(10);
    for (const c of stats.byCategory)
      expect(c).toEqual({ category: c.category, ...expected.category(c.category) });
    expect(stats.byFocusGroup).toHaveLength(5);
    for (const g of stats.byFocusGroup)
      expect(g).toEqual({ focusGroup: g.focusGroup, ...expected.focusGroup(g.focusGroup) });
    expect(stats.total).toBeGreaterThan(100);
  });

  it("has every month of the range in the trend, zero months included", () => {
    const months = data.serviceTrend.map((m: any) => m.month);
    expect(months[0]).toBe(lastYear.from.slice(0, 7));
    expect(months.at(-1)).toBe(lastYear.to.slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
    for (const m of data.serviceTrend)
      expect(m).toEqual(monthFigures(fed.demo, m.month, lastYear.from, lastYear.to));
  });

  it("has the corps by expert type", () => {
    const expected = corpsFigures(fed.demo);
    expect(data.corpsStats.volunteers).toBe(expected.volunteers);
    expect(data.corpsStats.appointed).toBe(expected.appointed);
    expect(data.corpsStats.byExpertType).toHaveLength(9);
    for (const t of data.corpsStats.byExpertType)
      expect(t.count).toBe(expected.expertType(t.expertType));
  });

  it("has the corps by branch kind: the districts' volunteers, and the industry branches' beside them", async () => {
    const corps = await execute<Corps>(fed.gatewayUrl, {
      query: `{ districts { volunteerCount }
                corpsStats { volunteers appointed byBranchKind { kind count appointed } } }`,
      token: viewer,
    });
    const expected = corpsFigures(fed.demo);
    const kinds = corps.corpsStats.byBranchKind;
    expect(kinds).toEqual([
      { kind: "REGION", ...expected.branchKind("REGION") },
      { kind: "INDUSTRY", ...expected.branchKind("INDUSTRY") },
    ]);
    const districts = corps.districts.reduce((s, d) => s + d.volunteerCount, 0);
    expect(kinds[0].appointed).toBe(districts);
    expect(kinds[0].appointed + kinds[1].appointed).toBe(corps.corpsStats.appointed);
    expect(kinds[0].count + kinds[1].count).toBe(corps.corpsStats.volunteers);
    expect(kinds[1].appointed).toBeGreaterThan(0);
  });

  // corpsStats counts by branch and folds branches into kinds; here each figure is its own
  // GROUP BY over the join with branch, city-wide and for every district.
  it("has the corps' figures, city-wide and for each district, as raw SQL over the join counts them", async () => {
    const db = fed.subgraphs.corps.db;
    const raw = async (column: string, districtCode: string | null) => {
      const rows: Array<{ k: string; n: unknown; appointed: unknown }> = await db.query(
        `SELECT ${column} AS k, COUNT(*) AS n,
                SUM(CASE WHEN v.status = 'APPOINTED' THEN 1 ELSE 0 END) AS appointed
         FROM volunteer v JOIN branch b ON b.id = v.branchId
         WHERE 1 = 1 ${column === "v.status" ? "" : "AND v.status <> 'WITHDRAWN'"}
           ${districtCode ? "AND b.districtCode = ?" : ""}
         GROUP BY ${column}`,
        districtCode ? [districtCode] : [],
      );
      const byKey = new Map(rows.map((r) => [r.k, { n: Number(r.n), a: Number(r.appointed) }]));
      return (k: string) => byKey.get(k) ?? { n: 0, a: 0 };
    };
    type Stats = {
      volunteers: number;
      appointed: number;
      byExpertType: Array<{ expertType: string; count: number; appointed: number }>;
      byStatus: Array<{ status: string; count: number }>;
      byBranchKind: Array<{ kind: string; count: number; appointed: number }>;
    };
    const scopes = [null, ...data.districts.map((d: { code: string }) => d.code)];
    let regionalInDistricts = 0;
    let cityRegional = 0;
    for (const districtCode of scopes) {
      const { corpsStats: stats } = await execute<{ corpsStats: Stats }>(fed.gatewayUrl, {
        query: `query($d: ID) { corpsStats(districtCode: $d) {
                  volunteers appointed
                  byExpertType { expertType count appointed }
                  byStatus { status count }
                  byBranchKind { kind count appointed } } }`,
        variables: { d: districtCode },
        token: viewer,
      });
      const [types, statuses, kinds] = await Promise.all([
        raw("v.expertType", districtCode),
        raw("v.status", districtCode),
        raw("b.kind", districtCode),
      ]);
      expect(stats.byExpertType).toHaveLength(9);
      for (const t of stats.byExpertType)
        expect(t).toEqual({
          expertType: t.expertType,
          count: types(t.expertType).n,
          appointed: types(t.expertType).a,
        });
      expect(stats.byStatus.map((s) => s.status).sort()).toEqual(
        ["APPLIED", "APPOINTED", "SUSPENDED", "WITHDRAWN"].sort(),
      );
      for (const s of stats.byStatus)
        expect(s).toEqual({ status: s.status, count: statuses(s.status).n });
      expect(stats.byBranchKind).toEqual(
        ["REGION", "INDUSTRY"].map((kind) => ({
          kind,
          count: kinds(kind).n,
          appointed: kinds(kind).a,
        })),
      );
      expect(stats.volunteers).toBe(kinds("REGION").n + kinds("INDUSTRY").n);
      expect(stats.appointed).toBe(statuses("APPOINTED").n);
      if (districtCode) regionalInDistricts += stats.volunteers;
      else cityRegional = kinds("REGION").n;
    }
    // Every regional branch is some district's, so the districts add up to the city's regions.
    expect(cityRegional).toBeGreaterThan(0);
    expect(regionalInDistricts).toBe(cityRegional);
  });

  it("agrees with figures recomputed from raw SQL", async () => {
    const db = fed.subgraphs.districts.db;
    const [hours] = await db.query(
      `SELECT SUM(p.hours) AS h FROM participation p JOIN activity a ON a.id = p.activityId
       WHERE a.districtCode = ? AND a.heldOn >= ? AND a.heldOn <= ? AND p.verified = ?`,
      ["440305", lastYear.from, lastYear.to, 1],
    );
    const nanshan = data.districts.find((d: any) => d.code === "440305");
    expect(nanshan.serviceHours).toBeCloseTo(Number(hours.h), 2);
    const [open] = await db.query(
      "SELECT COUNT(*) AS n FROM demand WHERE districtCode = ? AND status = 'OPEN'",
      ["440305"],
    );
    expect(nanshan.openDemandCount).toBe(Number(open.n));
    const [demands] = await db.query(
      "SELECT COUNT(*) AS n FROM demand WHERE collectedOn >= ? AND collectedOn <= ?",
      [lastYear.from, lastYear.to],
    );
    expect(data.demandStats.total).toBe(Number(demands.n));
  });
});

describe("who sees what", () => {
  it("refuses anonymous callers", async () => {
    const response = await send<Dashboard>(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: lastYear,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(response.data?.demandStats ?? null).toBeNull();
  });

  it.each(["PUBLICITY_EDITOR", "PLATFORM_OPERATOR"] as const)("refuses %s", async (role) => {
    const token = await fed.token(role, role === "PLATFORM_OPERATOR" ? { platform: "1" } : {});
    await executeExpectingError(
      fed.gatewayUrl,
      { query: DASHBOARD, variables: lastYear, token },
      "FORBIDDEN",
    );
  });

  it("gives CITY_ADMIN the city, as DASHBOARD_VIEWER", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const a = await execute(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: lastYear,
      token: admin,
    });
    const v = await execute(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: lastYear,
      token: viewer,
    });
    expect(a).toEqual(v);
  });

  it("gives a DISTRICT_OPERATOR its own district's row and aggregates only", async () => {
    const token = await fed.token("DISTRICT_OPERATOR", { district: "440306" });
    const data = await execute<Dashboard>(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: lastYear,
      token,
    });
    expect(data.districts.map((d) => d.code)).toEqual(["440306"]);
    const expected = demandFigures(fed.demo, lastYear.from, lastYear.to, "440306");
    expect(data.demandStats.total).toBe(expected.total);
    expect(data.demandStats.resolved).toBe(expected.resolved);
    const trendActivities = data.serviceTrend.reduce((s, m) => s + m.activities, 0);
    expect(trendActivities).toBe(data.districts[0].activityCount);
    // Another district's figures, asked for by name, are refused.
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: `query ($from: Date!, $to: Date!) { demandStats(from: $from, to: $to, districtCode: "440305") { total } }`,
        variables: lastYear,
        token,
      },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: `{ district(code: "440305") { name openDemandCount } }`, token },
      "FORBIDDEN",
    );
  });

  it("has no personal data anywhere in the answer", async () => {
    const data = await execute(fed.gatewayUrl, {
      query: DASHBOARD,
      variables: lastYear,
      token: viewer,
    });
    const text = JSON.stringify(data);
    for (const v of fed.demo.volunteers.slice(0, 50)) {
      expect(text).not.toContain(v.contactPhone);
      expect(text).not.toContain(v.name);
    }
  });
});

describe("ranges", () => {
  it.each([
    [{ from: "2026-03-02", to: "2026-03-01" }, "from 2026-03-02 is after to 2026-03-01; swap them"],
    [
      { from: "2016-01-01", to: "2026-01-02" },
      "the range 2016-01-01 to 2026-01-02 is longer than 10 years; ask for at most 10 years at a time",
    ],
  ])("refuses %j", async (variables, message) => {
    const response = await executeExpectingError(
      fed.gatewayUrl,
      { query: DASHBOARD, variables, token: viewer },
      "BAD_USER_INPUT",
    );
    expect(response.errors!.map((e) => e.message)).toContain(message);
  });

  it("accepts exactly ten years, and one day", async () => {
    for (const variables of [
      { from: "2016-01-01", to: "2026-01-01" },
      { from: today(), to: today() },
    ]) {
      const data = await execute<Dashboard>(fed.gatewayUrl, {
        query: DASHBOARD,
        variables,
        token: viewer,
      });
      expect(data.serviceTrend.length).toBeGreaterThan(0);
    }
  });

  it("changes the figures with the range", async () => {
    const month = { from: daysFromToday(-30), to: today() };
    const [year, recent] = await Promise.all(
      [lastYear, month].map((variables) =>
        execute<Dashboard>(fed.gatewayUrl, { query: DASHBOARD, variables, token: viewer }),
      ),
    );
    expect(recent.demandStats.total).toBeLessThan(year.demandStats.total);
    expect(recent.demandStats.total).toBe(demandFigures(fed.demo, month.from, month.to).total);
  });

  it("counts idle stations as of the range's end", async () => {
    const asOf = addDays(today(), -200);
    const data = await execute<{ districts: Array<{ code: string; idleStationCount: number }> }>(
      fed.gatewayUrl,
      {
        query: `query ($asOf: Date) { districts { code idleStationCount(asOf: $asOf) } }`,
        variables: { asOf },
        token: viewer,
      },
    );
    for (const row of data.districts)
      expect(row.idleStationCount).toBe(
        districtFigures(fed.demo, row.code, asOf, asOf).idleStationCount,
      );
  });
});

describe("SQL statements", () => {
  async function statementsFor(query: string, variables: Record<string, unknown>) {
    const before = fed.sqlCount();
    await execute(fed.gatewayUrl, { query, variables, token: viewer });
    return fed.sqlCount() - before;
  }

  it("costs as many statements for 11 districts as for 1", async () => {
    const fields = `code name stationCount(status: FILED) idleStationCount openDemandCount activityCount(from: $from, to: $to) serviceHours(from: $from, to: $to) demandCount(from: $from, to: $to) enterprisesServed(from: $from, to: $to) volunteerCount certifiedPlatformCount publishedStoryCount`;
    const one = await statementsFor(
      `query ($from: Date!, $to: Date!) { district(code: "440305") { ${fields} } }`,
      lastYear,
    );
    const all = await statementsFor(
      `query ($from: Date!, $to: Date!) { districts { ${fields} } }`,
      lastYear,
    );
    expect(one).toBeGreaterThan(0);
    expect(all).toBe(one);
  });

  it("costs a fixed number of statements for the whole dashboard", async () => {
    // districts, 6 figure families, demand cube, 2 for the trend, the corps cube, and one count
    // each in corps, platforms and publicity.
    expect(await statementsFor(DASHBOARD, lastYear)).toBeLessThanOrEqual(14);
  });
});
