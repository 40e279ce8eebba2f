// The platforms' annual report through the gateway (docs/reports.md): per certified platform, the
// mentor group against its minimum, plans, the review score and its source station's activities
// (asked of districts through the gateway); closing the year again without a change keeps the
// revision, a late activity at a source station makes the next one naming what moved; who may
// close and read.
import { today } from "../../runtime/dates";
import { bootFederation, type Federation } from "../helpers/federation";
import { execute, executeExpectingError } from "../helpers/graphql";

type Report = {
  platform: { id: string; districtCode: { code: string } };
  activities: number;
  moved: unknown;
};
type Year = { platformYear: { reports: Report[] } };
type Closed = { closePlatformYear: { revision: number } };

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => {
  if (process.env.SHOW_LOGS)
    console.log(
      fed
        .logs()
        .filter((l) => l.includes('"level":50'))
        .slice(0, 3)
        .join("\n"),
    );
  return fed?.stop();
});

const YEAR = Number(today().slice(0, 4)) - 1;
const CLOSE = `mutation ($year: Int!) { closePlatformYear(year: $year) { year revision closedAt platformCount } }`;
const READ = `query ($year: Int!, $revision: Int, $districtCode: ID) { platformYear(year: $year, revision: $revision) {
  year revision platformCount
  reports(districtCode: $districtCode) { platform { id kind districtCode: district { code }
      sourceStation { id externalId district { code } } }
    mentorCount mentorMinimum mentorMinimumMetAllYear plansFiled plansCarriedOut reviewScore
    activities enterprisesServed serviceHours moved } } }`;

describe("the platforms' annual report", () => {
  let closed: any;
  let year: any;
  beforeAll(async () => {
    closed = (
      await execute<Closed>(fed.gatewayUrl, {
        query: CLOSE,
        variables: { year: YEAR },
        token: admin,
      })
    ).closePlatformYear;
    year = (
      await execute<Year>(fed.gatewayUrl, { query: READ, variables: { year: YEAR }, token: admin })
    ).platformYear;
  });

  it("reports every platform certified by the year's end", () => {
    const expected = fed.demo.platforms.filter(
      (p) => p.status === "CERTIFIED" && p.certifiedOn! <= `${YEAR}-12-31`,
    );
    expect(closed).toMatchObject({ year: YEAR, revision: 1, platformCount: expected.length });
    expect(year.reports.map((r: any) => Number(r.platform.id))).toEqual(expected.map((p) => p.id));
    expect(expected.length).toBeGreaterThan(0);
  });

  it("has the mentor group, and the source station's activities as the demo data gives them", () => {
    for (const r of year.reports) {
      const p = fed.demo.platforms.find((x) => x.id === Number(r.platform.id))!;
      expect(r.mentorMinimum).toBe(
        { COMPREHENSIVE_BASE: 3, SPECIALISED_BASE: 1, PUBLIC_SERVICE: 0 }[p.kind],
      );
      expect(r.mentorCount).toBeLessThanOrEqual(p.mentorIds.length);
      expect(r.plansCarriedOut).toBeLessThanOrEqual(r.plansFiled);
      const held = fed.demo.activities.filter(
        (a) =>
          p.sourceStationId !== null &&
          a.stationId === p.sourceStationId &&
          a.heldOn.startsWith(String(YEAR)),
      );
      expect({
        id: p.id,
        activities: r.activities,
        enterprisesServed: r.enterprisesServed,
      }).toEqual({
        id: p.id,
        activities: held.length,
        enterprisesServed: held.reduce((s, a) => s + a.enterprisesServed, 0),
      });
      expect(r.moved).toEqual([]);
    }
  });

  it("closes to the same revision without a change, and to the next after a late activity", async () => {
    const again = (
      await execute<Closed>(fed.gatewayUrl, {
        query: CLOSE,
        variables: { year: YEAR },
        token: admin,
      })
    ).closePlatformYear;
    expect(again).toEqual(closed);
    const filed = new Set(
      fed.demo.stations.filter((s) => s.status === "FILED").map((s) => String(s.id)),
    );
    const target = year.reports.find(
      (r: any) => r.platform.sourceStation && filed.has(r.platform.sourceStation.id),
    );
    const station = target.platform.sourceStation;
    const operator = await fed.token("DISTRICT_OPERATOR", { district: station.district.code });
    const published = await execute<{ publishActivities: unknown }>(fed.gatewayUrl, {
      query: `mutation ($districtCode: ID!, $activities: [ActivityInput!]!) {
        publishActivities(districtCode: $districtCode, activities: $activities) { created rejected { message } } }`,
      variables: {
        districtCode: station.district.code,
        activities: [
          {
            externalId: `late-platform-${YEAR}`,
            stationExternalId: station.externalId,
            type: "SEMINAR",
            category: "FINANCING",
            title: "迟报的讲座",
            heldOn: `${YEAR}-11-20`,
            enterprisesServed: 2,
            participants: [],
          },
        ],
      },
      token: operator,
    });
    expect(published.publishActivities).toEqual({ created: 1, rejected: [] });
    const revised = (
      await execute<Closed>(fed.gatewayUrl, {
        query: CLOSE,
        variables: { year: YEAR },
        token: admin,
      })
    ).closePlatformYear;
    expect(revised.revision).toBe(2);
    const latest = (
      await execute<Year>(fed.gatewayUrl, { query: READ, variables: { year: YEAR }, token: admin })
    ).platformYear;
    const moved = latest.reports.find((r) => r.platform.id === target.platform.id)!.moved;
    expect(moved).toEqual(
      expect.arrayContaining([
        `activities: ${target.activities} → ${target.activities + 1}`,
        `enterprisesServed: ${target.enterprisesServed} → ${target.enterprisesServed + 2}`,
      ]),
    );
    const first = (
      await execute<Year>(fed.gatewayUrl, {
        query: READ,
        variables: { year: YEAR, revision: 1 },
        token: admin,
      })
    ).platformYear;
    expect(first.reports.find((r) => r.platform.id === target.platform.id)!.activities).toBe(
      target.activities,
    );
    const events = await fed.subgraphs.platforms.db.query(
      "SELECT action, revision FROM platform_year_event WHERE year = ? ORDER BY id",
      [YEAR],
    );
    expect(events).toEqual([
      { action: "CLOSE", revision: 1 },
      { action: "REVISE", revision: 2 },
    ]);
  });

  it("lets the city close it, a district read its own platforms, and refuses the rest", async () => {
    const code = year.reports[0].platform.districtCode.code;
    const operator = await fed.token("DISTRICT_OPERATOR", { district: code });
    const own = (
      await execute<Year>(fed.gatewayUrl, {
        query: READ,
        variables: { year: YEAR },
        token: operator,
      })
    ).platformYear.reports;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.platform.districtCode.code === code)).toBe(true);
    await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { year: YEAR }, token: operator },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: READ, variables: { year: YEAR } },
      "UNAUTHENTICATED",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: CLOSE, variables: { year: YEAR + 1 }, token: admin },
      "BAD_USER_INPUT",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: READ, variables: { year: 2001 }, token: admin },
      "NOT_FOUND",
    );
    for (const revision of [0, -1])
      await executeExpectingError(
        fed.gatewayUrl,
        { query: READ, variables: { year: YEAR, revision }, token: admin },
        "BAD_USER_INPUT",
      );
    for (const early of [0, 1, 1899, 1970, 9999]) {
      await executeExpectingError(
        fed.gatewayUrl,
        { query: READ, variables: { year: early }, token: admin },
        "BAD_USER_INPUT",
      );
      await executeExpectingError(
        fed.gatewayUrl,
        { query: CLOSE, variables: { year: early }, token: admin },
        "BAD_USER_INPUT",
      );
    }
  });
});
