// The one date helper: Shenzhen business dates at the day's edges, and no second copy of its
// arithmetic anywhere in the code or the tests.
import fs from "node:fs";
import path from "node:path";
import {
  addDays,
  businessDate,
  calendarDateOf,
  daysBetween,
  daysFromToday,
  isIsoDate,
  startOfBusinessDay,
  today,
} from "../../runtime/dates";

describe("Shenzhen business dates", () => {
  it("turns the date at 16:00 UTC, not at midnight UTC", () => {
    expect(today(new Date("2026-12-01T15:59:59.999Z"))).toBe("2026-12-01");
    expect(today(new Date("2026-12-01T16:00:00.000Z"))).toBe("2026-12-02");
    expect(today(new Date("2026-12-01T23:30:00.000Z"))).toBe("2026-12-02");
    expect(businessDate(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });

  it("moves by whole days across months, years and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(daysFromToday(-1, new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-03-01", "2026-02-01")).toBe(-28);
  });

  it("starts a Shenzhen day at 16:00 UTC the day before", () => {
    expect(startOfBusinessDay("2026-12-02").toISOString()).toBe("2026-12-01T16:00:00.000Z");
    expect(businessDate(startOfBusinessDay("2026-12-02"))).toBe("2026-12-02");
    expect(businessDate(new Date(startOfBusinessDay("2026-12-02").getTime() - 1))).toBe(
      "2026-12-01",
    );
  });

  it("knows real calendar dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-2-3")).toBe(false);
    // Years 0-99 are years too, not 1900-1999 (Date.UTC would read them so).
    expect(isIsoDate("0001-01-01")).toBe(true);
    expect(isIsoDate("0000-02-29")).toBe(true);
    expect(isIsoDate("0001-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(calendarDateOf(new Date(Date.UTC(2026, 1, 3)))).toBe("2026-02-03");
  });
});

// npm run test:clock runs under faketime at 23:30 UTC: make sure the fake clock really took hold,
// or that stage would prove nothing.
(process.env.FAKETIME ? it : it.skip)("runs on a clock where UTC and Shenzhen disagree", () => {
  const utcDate = calendarDateOf(new Date());
  expect(today()).toBe(addDays(utcDate, 1));
});

describe("one copy of the date arithmetic", () => {
  const root = path.join(__dirname, "..", "..");
  const helper = path.join(root, "runtime", "dates.ts");
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(full);
      return /\.(ts|js)$/.test(entry.name) ? [full] : [];
    });
  const files = ["runtime", "gateway", "subgraphs", "tools", "demo", "bench", "dashboard", "tests"]
    .filter((dir) => fs.existsSync(path.join(root, dir)))
    .flatMap((dir) => sources(path.join(root, dir)))
    .filter((file) => file !== helper && file !== __filename);
  // A UTC calendar date cut from a timestamp, or the +8 hours done by hand.
  const SECOND_COPY = [
    /toISOString\(\)\s*\.slice\(0,\s*10\)/,
    /toISOString\(\)\s*\.substring\(0,\s*10\)/,
    /toISOString\(\)\s*\.split\("T"\)/,
    /8\s*\*\s*3_?600_?000/,
    /8\s*\*\s*60\s*\*\s*60/,
    /T00:00:00\+08:00/,
  ];

  it("has no business date computed outside runtime/dates.ts", () => {
    const offenders = files.flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => SECOND_COPY.some((pattern) => pattern.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
