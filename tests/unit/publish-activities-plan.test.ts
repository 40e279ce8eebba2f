// The plan of an activity batch (check → plan → write): for each checked row, created, updated,
// unchanged or refused at its station, and which participation rows are replaced. Pure: built here
// from plain rows, no database, no network.
import { Activity } from "../../subgraphs/districts/entities/activity.entity";
import type { ActivityInput } from "../../subgraphs/districts/inputs/activity.input";
import type { Row, StationRef } from "../../subgraphs/districts/services/batch";
import {
  crewKey,
  planActivities,
  type CrewMember,
  type StoredActivities,
} from "../../subgraphs/districts/services/publish-activities.plan";
import { ActivityType, StationStatus } from "../../subgraphs/districts/vocabulary";
import { ServiceCategory } from "../../subgraphs/shared/vocabulary";

const DISTRICT = "440308";
const FILED: StationRef = { id: 1, externalId: "ST-1", status: StationStatus.FILED };
const SUBMITTED: StationRef = { id: 2, externalId: "ST-2", status: StationStatus.SUBMITTED };
const SUSPENDED: StationRef = { id: 3, externalId: "ST-3", status: StationStatus.SUSPENDED };

const input = (externalId: string, extra: Partial<ActivityInput> = {}) =>
  ({
    externalId,
    stationExternalId: "ST-1",
    type: ActivityType.SALON,
    category: ServiceCategory.FINANCING,
    title: "融资对接沙龙",
    heldOn: "2026-03-10",
    feeCharged: 0,
    enterprisesServed: 12,
    participants: [
      { volunteerId: "5", hours: 2.5 },
      { volunteerId: "9", hours: 1 },
    ],
    ...extra,
  }) as ActivityInput;
const rows = (...inputs: ActivityInput[]): Array<Row<ActivityInput>> =>
  inputs.map((input, index) => ({ index, input }));

/** AC-1 stored at ST-1 and AC-3 stored at the suspended ST-3, both with the default crew. */
function stored(): StoredActivities {
  const activity = (id: number, externalId: string, stationId: number) =>
    Object.assign(new Activity(), {
      id,
      districtCode: DISTRICT,
      externalId,
      stationId,
      type: ActivityType.SALON,
      category: ServiceCategory.FINANCING,
      title: "融资对接沙龙",
      heldOn: "2026-03-10",
      feeCharged: 0,
      enterprisesServed: 12,
    });
  const crew: CrewMember[] = [
    { volunteerId: 9, hours: 1 },
    { volunteerId: 5, hours: 2.5 },
  ];
  return {
    activities: new Map([
      ["ac-1", activity(101, "AC-1", 1)],
      ["ac-3", activity(103, "AC-3", 3)],
    ]),
    crews: new Map([
      [101, crew],
      [103, crew],
    ]),
    stations: new Map([
      ["st-1", FILED],
      ["st-2", SUBMITTED],
      ["st-3", SUSPENDED],
    ]),
    service: { bookings: new Map(), linked: new Map(), demands: new Map(), today: "2026-03-20" },
  };
}

const plan = (...inputs: ActivityInput[]) => planActivities(DISTRICT, rows(...inputs), stored());
const outcome = (p: ReturnType<typeof plan>) => ({
  created: p.created.map((c) => c.row.input.externalId),
  updated: p.updated.map((u) => u.row.input.externalId),
  unchanged: p.unchanged.map((r) => r.input.externalId),
  rejected: p.rejected.map((r) => [r.row.input.externalId, r.message]),
});

describe("planActivities", () => {
  it("creates a new activity with its whole crew, at its station or online", () => {
    const p = plan(
      input("AC-2", { title: "  新活动  " }),
      input("AC-4", { stationExternalId: undefined, participants: [] }),
    );
    expect(outcome(p)).toEqual({
      created: ["AC-2", "AC-4"],
      updated: [],
      unchanged: [],
      rejected: [],
    });
    expect(p.created[0].values).toEqual({
      activity: {
        stationId: 1,
        type: ActivityType.SALON,
        category: ServiceCategory.FINANCING,
        title: "新活动",
        heldOn: "2026-03-10",
        feeCharged: 0,
        enterprisesServed: 12,
      },
      crew: [
        { volunteerId: 5, hours: 2.5 },
        { volunteerId: 9, hours: 1 },
      ],
      service: null,
    });
    expect(p.created[1].values.activity.stationId).toBeNull();
    expect(p.created[1].values.crew).toEqual([]);
  });

  it("leaves a row that would write what is stored, whatever the crew's order or id case", () => {
    const p = plan(
      input("ac-1", {
        participants: [
          { volunteerId: "9", hours: 1 },
          { volunteerId: "5", hours: 2.5 },
        ],
      }),
    );
    expect(outcome(p)).toEqual({ created: [], updated: [], unchanged: ["ac-1"], rejected: [] });
  });

  it("updates the activity and keeps the recorded crew when only the activity changed", () => {
    const p = plan(input("AC-1", { enterprisesServed: 20 }));
    expect(outcome(p).updated).toEqual(["AC-1"]);
    expect(p.updated[0]).toMatchObject({ id: 101, values: { crew: null } });
    expect(p.updated[0].values.activity.enterprisesServed).toBe(20);
  });

  it("replaces the crew when a volunteer's hours change, or clears it", () => {
    const p = plan(
      input("AC-1", { participants: [{ volunteerId: "5", hours: 3 }] }),
      input("AC-3", { stationExternalId: "ST-3", participants: [] }),
    );
    expect(outcome(p).updated).toEqual(["AC-1", "AC-3"]);
    expect(p.updated.map((u) => [u.id, u.values.crew])).toEqual([
      [101, [{ volunteerId: 5, hours: 3 }]],
      [103, []],
    ]);
  });

  it("refuses a station that does not exist, and a new or moved row at a station not FILED", () => {
    const p = plan(
      input("AC-5", { stationExternalId: "ST-404" }),
      input("AC-6", { stationExternalId: "st-2" }),
      input("AC-1", { stationExternalId: "ST-3" }),
      input("AC-3", { stationExternalId: "ST-3" }),
    );
    expect(outcome(p)).toEqual({
      created: [],
      updated: [],
      // Already held at the suspended ST-3: it stays there unchanged.
      unchanged: ["AC-3"],
      rejected: [
        [
          "AC-5",
          "stationExternalId ST-404: no such station in district 440308; publish the station first",
        ],
        ["AC-6", "station ST-2 is SUBMITTED; activities are held only at FILED stations"],
        ["AC-1", "station ST-3 is SUSPENDED; activities are held only at FILED stations"],
      ],
    });
  });

  it("moves a stored activity to another FILED station or online", () => {
    const p = plan(input("AC-3"), input("AC-1", { stationExternalId: undefined }));
    expect(p.updated.map((u) => [u.id, u.values.activity.stationId, u.values.crew])).toEqual([
      [103, 1, null],
      [101, null, null],
    ]);
  });

  it("keeps batch order within each outcome, and plans nothing for no rows", () => {
    const p = plan(input("AC-9"), input("AC-1"), input("AC-8"), input("AC-3", { title: "新标题" }));
    expect(outcome(p)).toMatchObject({ created: ["AC-9", "AC-8"], updated: ["AC-3"] });
    expect(p.created.map((c) => c.row.index)).toEqual([0, 2]);
    expect(outcome(plan())).toEqual({ created: [], updated: [], unchanged: [], rejected: [] });
  });
});

describe("crewKey", () => {
  it("ignores order and how ids and hours are written", () => {
    expect(
      crewKey([
        { volunteerId: "05", hours: 2.5 },
        { volunteerId: 9, hours: 1.0 },
      ]),
    ).toBe(
      crewKey([
        { volunteerId: 9, hours: 1 },
        { volunteerId: 5, hours: 2.5 },
      ]),
    );
    expect(crewKey([{ volunteerId: 5, hours: 2 }])).not.toBe(
      crewKey([{ volunteerId: 5, hours: 3 }]),
    );
    expect(crewKey([])).toBe("");
  });
});
