// The platforms' pure rules without a server: certification dates in Shenzhen time, grades and
// review years, plan periods, mentor lists, the mentorRequirementMet filter's decisions, source
// stations, and who sees and writes a platform.
import type { Caller } from "../../runtime/auth";
import { addDays, today } from "../../runtime/dates";
import type { Platform } from "../../subgraphs/platforms/entities/platform.entity";
import { assertPlatformWriter, visiblePlatform } from "../../subgraphs/platforms/services/access";
import { certificationDate } from "../../subgraphs/platforms/services/certification.service";
import {
  distinctIds,
  refusalMessage,
  refusedMentors,
} from "../../subgraphs/platforms/services/mentor-check.service";
import { mentorChanges } from "../../subgraphs/platforms/services/mentors.service";
import {
  checkReviewYear,
  gradeFor,
  scoreChange,
} from "../../subgraphs/platforms/services/performance.service";
import {
  decidedByCount,
  metByStatus,
} from "../../subgraphs/platforms/services/requirement-filter.service";
import { checkPlanPeriod } from "../../subgraphs/platforms/services/service-plans.service";
import { VolunteerStatus } from "../../subgraphs/shared/vocabulary";
import { checkSourceStation } from "../../subgraphs/platforms/services/station-check.service";
import { PlatformKind, PlatformStatus } from "../../subgraphs/platforms/vocabulary";

const caught = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  return null;
};

describe("certification date", () => {
  it("is today in Shenzhen unless given", () => {
    expect(certificationDate(null, "2025-01-01")).toBe(today());
    // 16:30 UTC is already the next day in Shenzhen.
    const evening = new Date(Date.UTC(2026, 2, 9, 16, 30));
    expect(certificationDate(undefined, "2026-03-01", today(evening))).toBe("2026-03-10");
  });

  it("is never ahead of Shenzhen's today, never before the application", () => {
    expect(caught(() => certificationDate(addDays(today(), 1), "2025-01-01"))).toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringContaining("is in the future"),
    });
    expect(caught(() => certificationDate("2025-01-01", "2025-02-01"))?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect(certificationDate("2025-02-01", "2025-02-01")).toBe("2025-02-01");
  });
});

describe("performance reviews", () => {
  it.each([
    [100, "EXCELLENT"],
    [90, "EXCELLENT"],
    [89, "GOOD"],
    [75, "GOOD"],
    [74, "PASS"],
    [60, "PASS"],
    [59, "FAIL"],
    [0, "FAIL"],
  ])("a score of %i is %s", (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });

  it("reviews years that have begun, from the certification's year", () => {
    const held = { certifiedOn: "2024-06-01" };
    expect(checkReviewYear("2025", held, "2026-01-01")).toBe("2025");
    expect(checkReviewYear("2026", held, "2026-01-01")).toBe("2026");
    expect(caught(() => checkReviewYear("2027", held, "2026-12-31"))?.message).toBe(
      "period 2027 has not begun; the latest year to review is 2026",
    );
    expect(caught(() => checkReviewYear("2023", held, "2026-01-01"))?.message).toBe(
      "period 2023 is before the platform's certification in 2024",
    );
  });

  it("reviews a revoked platform for the years it held the certification, no later", () => {
    const held = { certifiedOn: "2022-06-01", revokedOn: "2024-03-15" };
    for (const year of ["2022", "2023", "2024"])
      expect(checkReviewYear(year, held, "2026-05-01")).toBe(year);
    for (const year of ["2025", "2026"]) {
      expect(caught(() => checkReviewYear(year, held, "2026-05-01"))).toMatchObject({
        code: "BAD_USER_INPUT",
        message: `period ${year} is after the platform's revocation in 2024; a revoked platform is reviewed only for the years it held its certification`,
      });
    }
  });

  it("the trend is the latest score minus the one before", () => {
    expect(scoreChange([])).toBeNull();
    expect(scoreChange([{ score: 70 }])).toBeNull();
    expect(scoreChange([{ score: 70 }, { score: 82 }, { score: 77 }])).toBe(-5);
  });
});

describe("plan periods", () => {
  it("run from 2000 to next year in Shenzhen", () => {
    expect(checkPlanPeriod("2027-H2", "2026-12-31")).toBe("2027-H2");
    expect(checkPlanPeriod("2000-Q1", "2026-12-31")).toBe("2000-Q1");
    expect(caught(() => checkPlanPeriod("2028", "2026-12-31"))?.code).toBe("BAD_USER_INPUT");
    expect(caught(() => checkPlanPeriod("1999-Q4", "2026-12-31"))?.code).toBe("BAD_USER_INPUT");
  });
});

describe("mentor lists", () => {
  it("name each volunteer once, in the order first given", () => {
    expect(distinctIds(["12", "7", " 12", "007", "abc", "abc", "3"])).toEqual([
      "12",
      "7",
      "abc",
      "3",
    ]);
  });

  it("refuse the unknown and the non-appointed, in the order given", () => {
    const standings = new Map([
      ["1", { id: "1", name: "甲", status: VolunteerStatus.APPOINTED }],
      ["2", { id: "2", name: "乙", status: VolunteerStatus.SUSPENDED }],
      ["3", null],
    ]);
    expect(refusedMentors(["1", "2", "3", "x"], standings)).toEqual([
      { id: "2", reason: "volunteer 2 (乙) is SUSPENDED, not APPOINTED" },
      { id: "3", reason: "volunteer 3 is not known to the corps" },
      { id: "x", reason: "volunteer x is not known to the corps" },
    ]);
  });

  it("say which of the volunteers named cannot mentor, in plain English for one", () => {
    const unknown = { id: "9", reason: "volunteer 9 is not known to the corps" };
    expect(refusalMessage(1, [unknown])).toBe(
      "the volunteer cannot mentor, so the mentor group is unchanged: volunteer 9 is not known to the corps",
    );
    expect(
      refusalMessage(3, [
        unknown,
        { id: "4", reason: "volunteer 4 (乙) is SUSPENDED, not APPOINTED" },
      ]),
    ).toBe(
      "2 of the 3 volunteers cannot mentor, so the mentor group is unchanged: volunteer 9 is not known to the corps; volunteer 4 (乙) is SUSPENDED, not APPOINTED",
    );
  });

  it("report what a replacement adds and removes", () => {
    expect(mentorChanges([5, 1, 9], [9, 2, 1])).toEqual({ added: [2], removed: [5] });
    expect(mentorChanges([], [])).toEqual({ added: [], removed: [] });
  });
});

describe("the mentorRequirementMet filter", () => {
  const { COMPREHENSIVE_BASE, SPECIALISED_BASE, PUBLIC_SERVICE } = PlatformKind;

  it("decides by count where the status cannot change the answer", () => {
    expect(decidedByCount({ id: 1, kind: PUBLIC_SERVICE, mentors: 0 })).toBe(true);
    expect(decidedByCount({ id: 1, kind: COMPREHENSIVE_BASE, mentors: 2 })).toBe(false);
    expect(decidedByCount({ id: 1, kind: SPECIALISED_BASE, mentors: 0 })).toBe(false);
    expect(decidedByCount({ id: 1, kind: COMPREHENSIVE_BASE, mentors: 3 })).toBeNull();
    expect(decidedByCount({ id: 1, kind: SPECIALISED_BASE, mentors: 4 })).toBeNull();
  });

  it("otherwise counts APPOINTED mentors; an unknown one is not appointed", () => {
    const status = new Map<string, string | null>([
      ["1", "APPOINTED"],
      ["2", "APPOINTED"],
      ["3", "SUSPENDED"],
      ["4", null],
      ["5", "APPOINTED"],
    ]);
    expect(metByStatus(COMPREHENSIVE_BASE, [1, 2, 3, 4], status)).toBe(false);
    expect(metByStatus(COMPREHENSIVE_BASE, [1, 2, 3, 5], status)).toBe(true);
    expect(metByStatus(SPECIALISED_BASE, [3, 4, 5], status)).toBe(true);
    expect(metByStatus(SPECIALISED_BASE, [3, 4, 6], status)).toBe(false);
  });
});

describe("source stations", () => {
  const station = (status: string, code = "440305") => ({
    id: "8",
    name: "南山工作站",
    status,
    district: { code },
  });
  const operator: Caller = { sub: "c", role: "DISTRICT_OPERATOR", district: "440305" };

  it("accept a FILED station of the platform's district", () => {
    expect(checkSourceStation("sourceStationId", "8", station("FILED"), "440305")).toEqual(
      station("FILED"),
    );
  });

  it("refuse unknown, foreign and unfiled stations; foreign is FORBIDDEN to a district operator", () => {
    expect(caught(() => checkSourceStation("stationId", "8", null, "440305"))).toMatchObject({
      code: "BAD_USER_INPUT",
      message: "stationId 8: there is no such workstation",
    });
    const foreign = station("FILED", "440306");
    expect(caught(() => checkSourceStation("s", "8", foreign, "440305"))?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect(caught(() => checkSourceStation("s", "8", foreign, "440305", operator))?.code).toBe(
      "FORBIDDEN",
    );
    for (const status of ["SUBMITTED", "UNDER_REVIEW", "REJECTED", "SUSPENDED", "REVOKED"]) {
      expect(caught(() => checkSourceStation("s", "8", station(status), "440305"))).toMatchObject({
        code: "BAD_USER_INPUT",
        message: expect.stringContaining(`is ${status}`),
      });
    }
  });
});

describe("who sees and writes a platform", () => {
  const row = (status: PlatformStatus) => ({ id: 4, status }) as Platform;

  it("anonymous callers see CERTIFIED platforms only; signed-in callers every one", () => {
    const signedIn: Caller = { sub: "v", role: "DASHBOARD_VIEWER" };
    for (const status of Object.values(PlatformStatus)) {
      expect(visiblePlatform(null, row(status))?.status ?? null).toBe(
        status === PlatformStatus.CERTIFIED ? status : null,
      );
      expect(visiblePlatform(signedIn, row(status))?.status).toBe(status);
    }
    expect(visiblePlatform(null, null)).toBeNull();
  });

  it("CITY_ADMIN writes any platform, an operator only its token's", () => {
    expect(() => assertPlatformWriter({ sub: "a", role: "CITY_ADMIN" }, "9")).not.toThrow();
    const op: Caller = { sub: "o", role: "PLATFORM_OPERATOR", platform: "4" };
    expect(() => assertPlatformWriter(op, 4)).not.toThrow();
    expect(caught(() => assertPlatformWriter(op, "5"))).toMatchObject({
      code: "FORBIDDEN",
      message: "you operate platform 4 and cannot write platform 5",
    });
    expect(
      caught(() =>
        assertPlatformWriter({ sub: "d", role: "DISTRICT_OPERATOR", district: "440305" }, "4"),
      )?.code,
    ).toBe("FORBIDDEN");
  });
});
