// The participant check of an activity batch, its pure parts: who must be asked about with corps
// (not those already recorded for the same activity and date), and the reasons a row is refused.
import type { ActivityInput } from "../../subgraphs/districts/inputs/activity.input";
import {
  participantsProblem,
  participantsToVerify,
  type VolunteerStanding,
} from "../../subgraphs/districts/services/volunteer-check.service";

const row = (heldOn: string, ...ids: string[]) =>
  ({
    externalId: "AC-1",
    heldOn,
    participants: ids.map((volunteerId) => ({ volunteerId, hours: 2 })),
  }) as unknown as ActivityInput;

const appointed = (id: string, name: string): VolunteerStanding => ({
  id,
  name,
  status: "APPOINTED",
  agreement: { validFrom: "2026-01-01", validTo: "2026-12-31" },
  history: [{ at: "2026-01-01T02:00:00.000Z", toStatus: "APPOINTED" }],
});

describe("participants to verify", () => {
  const recorded = { heldOn: "2026-03-10", volunteerIds: new Set(["1", "2"]) };

  it("asks about everyone of a new activity", () => {
    const ids = (r: ActivityInput) => participantsToVerify(r, undefined).map((p) => p.volunteerId);
    expect(ids(row("2026-03-10", "1", "3"))).toEqual(["1", "3"]);
  });

  it("skips volunteers recorded for the same activity on the same date", () => {
    const r = row("2026-03-10", "1", "3", "2");
    expect(participantsToVerify(r, recorded).map((p) => p.volunteerId)).toEqual(["3"]);
  });

  it("asks about everyone again when the activity moves to another date", () => {
    const r = row("2026-03-11", "1", "2");
    expect(participantsToVerify(r, recorded).map((p) => p.volunteerId)).toEqual(["1", "2"]);
  });
});

describe("participants problem", () => {
  const standings = new Map<string, VolunteerStanding | null>([
    ["1", appointed("1", "陈明")],
    ["2", { ...appointed("2", "李华"), agreement: null }],
    ["3", null],
  ]);

  it("is null when every participant to verify can be credited", () => {
    const r = row("2026-03-10", "1");
    expect(participantsProblem(r, r.participants, standings)).toBeNull();
    expect(participantsProblem(row("2026-03-10"), [], standings)).toBeNull();
  });

  it("joins every reason, in participant order", () => {
    const r = row("2026-03-10", "3", "1", "2");
    expect(participantsProblem(r, r.participants, standings)).toBe(
      "volunteer 3 is not known to the corps; " +
        "volunteer 2 (李华) has no service agreement valid on 2026-03-10",
    );
  });

  it("judges only the participants still to verify", () => {
    const r = row("2026-03-10", "3", "1");
    expect(participantsProblem(r, [r.participants[1]], standings)).toBeNull();
  });
});
