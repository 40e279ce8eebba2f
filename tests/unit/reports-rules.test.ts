// The pure rules of the reports (docs/reports.md): ranks within a district with shared ranks for
// equal scores, the months a plan's period covers, the month a scheduled close looks at, and what
// a platform's revision says moved. No server.
import { previousMonth } from "../../runtime/dates";
import { rankWithinDistricts } from "../../subgraphs/districts/services/assessment.service";
import { monthRange } from "../../subgraphs/districts/services/reporting-figures";
import {
  movedFigures,
  periodMonths,
} from "../../subgraphs/platforms/services/platform-year.service";

describe("reports rules", () => {
  it("ranks within each district, equal scores sharing a rank", () => {
    const row = (districtCode: string, stationId: number, score: number) => ({
      districtCode,
      stationId,
      score,
      rank: 0,
    });
    const ranked = rankWithinDistricts([
      row("440303", 1, 10),
      row("440304", 2, 5),
      row("440303", 3, 30),
      row("440303", 4, 10),
      row("440303", 5, 1),
    ]);
    expect(ranked.map((r) => [r.districtCode, r.stationId, r.rank])).toEqual([
      ["440303", 3, 1],
      ["440303", 1, 2],
      ["440303", 4, 2],
      ["440303", 5, 4],
      ["440304", 2, 1],
    ]);
  });

  it("knows the months of a year, a half and a quarter", () => {
    expect(periodMonths("2025")).toHaveLength(12);
    expect(periodMonths("2025-H2")[0]).toBe("2025-07");
    expect(periodMonths("2025-Q3")).toEqual(["2025-07", "2025-08", "2025-09"]);
  });

  it("looks at last month, across a new year", () => {
    expect(previousMonth("2026-01-06")).toBe("2025-12");
    expect(previousMonth("2026-11-04")).toBe("2026-10");
  });

  it("refuses a month that has not ended in Shenzhen, and takes one that has", () => {
    // 2026-10-31 16:30 UTC is 2026-11-01 00:30 in Shenzhen.
    expect(monthRange("2026-10", new Date("2026-10-31T16:30:00Z"))).toEqual({
      month: "2026-10",
      from: "2026-10-01",
      to: "2026-10-31",
    });
    expect(() => monthRange("2026-10", new Date("2026-10-31T15:30:00Z"))).toThrow(/has not ended/);
  });

  it("says which of a platform's figures moved", () => {
    const figures = {
      platformId: 1,
      districtCode: "440303",
      mentorCount: 3,
      mentorMinimum: 3,
      mentorMinimumMetAllYear: true,
      plansFiled: 2,
      plansCarriedOut: 1,
      reviewScore: 88,
      sourceStationId: 7,
      activities: 10,
      enterprisesServed: 40,
      serviceHours: 12.5,
    };
    expect(movedFigures(figures, { ...figures })).toEqual([]);
    expect(movedFigures(figures, { ...figures, plansCarriedOut: 2, reviewScore: null })).toEqual([
      "plansCarriedOut: 1 → 2",
      "reviewScore: 88 → —",
    ]);
    expect(movedFigures(undefined, figures)).toEqual(["certified: no → yes"]);
  });
});
