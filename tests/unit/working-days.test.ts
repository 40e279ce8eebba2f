// China's working-day calendar (runtime/working-days.ts) on days whose status the State Council's
// notices settle: holidays, make-up working days on weekends, deadlines across a holiday.
import {
  addWorkingDays,
  calendarYear,
  holidayName,
  isWorkingDay,
  nthWorkingDayAfterMonth,
  workingDaysBetween,
} from "../../runtime/working-days";

describe("China's working days", () => {
  it.each([
    ["2026-10-01", false, "National Day is a holiday"],
    ["2026-10-07", false, "the National Day week runs to the 7th"],
    ["2026-10-08", true, "a Thursday after the holiday"],
    ["2026-10-10", true, "a Saturday made a working day (调休)"],
    ["2026-09-20", true, "a Sunday made a working day (调休)"],
    ["2026-02-14", true, "the Saturday before the Spring Festival"],
    ["2026-02-17", false, "the Spring Festival"],
    ["2026-01-04", true, "the Sunday after New Year"],
    ["2025-01-26", true, "a Sunday made a working day in 2025"],
    ["2025-10-08", false, "the 2025 National Day week runs to the 8th"],
    ["2024-10-12", true, "a Saturday made a working day in 2024"],
    ["2024-06-10", false, "the Dragon Boat Festival of 2024"],
    ["2026-12-05", false, "an ordinary Saturday"],
    ["2026-12-07", true, "an ordinary Monday"],
    ["2027-02-08", false, "the statutory Spring Festival days of 2027"],
  ])("%s is a working day: %s (%s)", (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it("names holidays", () => {
    expect(holidayName("2026-10-01")).toBe("国庆节");
    expect(holidayName("2026-10-08")).toBeNull();
  });

  it("counts deadlines in working days across a holiday and a make-up day", () => {
    // Collected on Wednesday 2026-09-30: 3 working days are Oct 8, 9 and the make-up Saturday 10.
    expect(addWorkingDays("2026-09-30", 3)).toBe("2026-10-10");
    expect(addWorkingDays("2026-12-04", 3)).toBe("2026-12-09");
    expect(addWorkingDays("2026-12-04", 0)).toBe("2026-12-04");
    expect(workingDaysBetween("2026-09-30", "2026-10-10")).toBe(3);
    expect(workingDaysBetween("2026-10-10", "2026-10-01")).toBe(0);
  });

  it("finds the n-th working day after a month ends", () => {
    // September 2026 closes on the 3rd working day of October: the 8th, 9th and 10th.
    expect(nthWorkingDayAfterMonth("2026-09", 3)).toBe("2026-10-10");
    expect(nthWorkingDayAfterMonth("2026-11", 3)).toBe("2026-12-03");
    expect(nthWorkingDayAfterMonth("2026-12", 1)).toBe("2027-01-04");
  });

  it("says how much it knows of each year", () => {
    expect(calendarYear(2026)?.status).toBe("official");
    expect(calendarYear(2027)?.status).toBe("statutory");
    expect(calendarYear(2030)).toBeNull();
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
  });
});
