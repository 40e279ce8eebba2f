// The deadline of each open step of a demand (services/deadlines.ts) and its configuration
// (runtime/config/demand-deadlines.ts): working days on China's calendar, per category if set.
import { ConfigError, loadConfigWith } from "../../runtime/config";
import { addWorkingDays } from "../../runtime/working-days";
import {
  DEFAULT_DEADLINES,
  isOverdue,
  stepColumns,
  useDeadlines,
} from "../../subgraphs/districts/services/deadlines";
import { DemandStatus } from "../../subgraphs/districts/vocabulary";

afterEach(() => useDeadlines(DEFAULT_DEADLINES));

describe("the configuration", () => {
  it("defaults to 3, 5 and 20 working days, no category of its own", () => {
    expect(loadConfigWith({ DEMAND_DEADLINES_BY_CATEGORY: "" }).demandDeadlines).toEqual(
      DEFAULT_DEADLINES,
    );
  });

  it("reads the days and categories' own days", () => {
    const config = loadConfigWith({
      DEMAND_ANSWER_DAYS: "2",
      DEMAND_START_DAYS: "4",
      DEMAND_RESOLVE_DAYS: "30",
      DEMAND_DEADLINES_BY_CATEGORY: "LEGAL=5/10/30, FINANCING=3/5/40",
    }).demandDeadlines;
    expect(config).toEqual({
      defaults: { answer: 2, start: 4, resolve: 30 },
      byCategory: {
        LEGAL: { answer: 5, start: 10, resolve: 30 },
        FINANCING: { answer: 3, start: 5, resolve: 40 },
      },
      onlineOpenMax: 5,
    });
  });

  it("refuses what it cannot read, saying what it wants", () => {
    expect(() => loadConfigWith({ DEMAND_ANSWER_DAYS: "0" })).toThrow(ConfigError);
    expect(() => loadConfigWith({ DEMAND_DEADLINES_BY_CATEGORY: "LAW=5/10/30" })).toThrow(
      /DEMAND_DEADLINES_BY_CATEGORY: "LAW=5\/10\/30" must be CATEGORY=answer\/start\/resolve/,
    );
    expect(() => loadConfigWith({ DEMAND_DEADLINES_BY_CATEGORY: "LEGAL=5/10" })).toThrow(
      ConfigError,
    );
  });
});

describe("a demand's step", () => {
  const open = { status: DemandStatus.OPEN, category: "POLICY", collectedOn: "2026-09-28" };

  it("starts at collection: 3 working days, over the National Day holiday", () => {
    // 2026-09-28 (Mon): 29, 30 are working days, 10-01..10-07 a holiday, so the 3rd is after it.
    const first = stepColumns(undefined, open, "2026-09-28");
    expect(first).toEqual({
      dueOn: addWorkingDays("2026-09-28", 3),
      stepsDone: 0,
      stepsLate: 0,
    });
    expect(first.dueOn! > "2026-10-07").toBe(true);
  });

  it("counts the step it ends, late when past its deadline, and starts the next today", () => {
    const before = { status: DemandStatus.OPEN, dueOn: "2026-03-05", stepsDone: 0, stepsLate: 0 };
    const onTime = stepColumns(before, { ...open, status: DemandStatus.MATCHED }, "2026-03-05");
    expect(onTime).toEqual({ dueOn: addWorkingDays("2026-03-05", 5), stepsDone: 1, stepsLate: 0 });
    const late = stepColumns(before, { ...open, status: DemandStatus.IN_SERVICE }, "2026-03-06");
    expect(late).toEqual({ dueOn: addWorkingDays("2026-03-06", 20), stepsDone: 1, stepsLate: 1 });
    const done = stepColumns(
      { status: DemandStatus.IN_SERVICE, dueOn: "2026-04-01", stepsDone: 2, stepsLate: 1 },
      { ...open, status: DemandStatus.RESOLVED },
      "2026-03-20",
    );
    expect(done).toEqual({ dueOn: null, stepsDone: 3, stepsLate: 1 });
    // The same status again keeps its step.
    expect(stepColumns(before, open, "2026-03-20")).toEqual({
      dueOn: "2026-03-05",
      stepsDone: 0,
      stepsLate: 0,
    });
  });

  it("uses the category's own days when configured", () => {
    useDeadlines({
      ...DEFAULT_DEADLINES,
      byCategory: { LEGAL: { answer: 10, start: 1, resolve: 1 } },
    });
    const legal = stepColumns(undefined, { ...open, category: "LEGAL" }, "2026-03-02");
    expect(legal.dueOn).toBe(addWorkingDays("2026-09-28", 10));
  });

  it("is overdue the day after its deadline, not on it", () => {
    expect(isOverdue({ dueOn: "2026-03-05" }, "2026-03-05")).toBe(false);
    expect(isOverdue({ dueOn: "2026-03-05" }, "2026-03-06")).toBe(true);
    expect(isOverdue({ dueOn: null }, "2030-01-01")).toBe(false);
  });
});
