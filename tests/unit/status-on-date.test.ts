// Whether a volunteer was APPOINTED at some time on a Shenzhen date, read from corps' status
// history (docs/domain.md rule 3): a suspension that evening does not undo the day, a suspension period
// is not credited after reinstatement, and the day turns at 16:00 UTC. No server.
import { addDays, startOfBusinessDay } from "../../runtime/dates";
import {
  participantProblem,
  statusesOn,
  type VolunteerStanding,
} from "../../subgraphs/districts/services/volunteer-check.service";

/** The instant of hh:mm on a Shenzhen date, as corps reports it (ISO, UTC). */
const shenzhen = (day: string, hh: number, mm = 0) =>
  new Date(startOfBusinessDay(day).getTime() + (hh * 60 + mm) * 60_000).toISOString();

const D = "2026-03-10";
const standing = (
  history: Array<[string, string]>,
  agreement: VolunteerStanding["agreement"] = { validFrom: "2026-01-01", validTo: "2026-12-31" },
): VolunteerStanding => ({
  id: "5",
  name: "陈明",
  status: history.at(-1)?.[1] ?? "APPOINTED",
  agreement,
  history: history.map(([at, toStatus]) => ({ at, toStatus })),
});
const credited = (s: VolunteerStanding, day: string) => participantProblem("5", day, s) === null;

describe("status on a Shenzhen date", () => {
  const appointed = (extra: Array<[string, string]> = []) =>
    standing([
      [shenzhen("2026-01-05", 9), "APPLIED"],
      [shenzhen("2026-01-20", 10), "APPOINTED"],
      ...extra,
    ]);

  it("is nothing before registration, then each status from the day it was entered", () => {
    const s = appointed();
    expect(statusesOn(s, "2026-01-04")).toEqual([]);
    expect(participantProblem("5", "2026-01-04", s)).toBe(
      "volunteer 5 (陈明) was not yet registered on 2026-01-04, not APPOINTED",
    );
    expect(statusesOn(s, "2026-01-05")).toEqual(["APPLIED"]);
    expect(statusesOn(s, "2026-01-19")).toEqual(["APPLIED"]);
    expect(participantProblem("5", "2026-01-19", s)).toBe(
      "volunteer 5 (陈明) was APPLIED on 2026-01-19, not APPOINTED",
    );
    expect(statusesOn(s, "2026-01-20")).toEqual(["APPLIED", "APPOINTED"]);
    expect(credited(s, "2026-01-20")).toBe(true);
    expect(statusesOn(s, D)).toEqual(["APPOINTED"]);
  });

  it("credits the day of a suspension the same evening, not the days after", () => {
    const s = appointed([[shenzhen(D, 21, 30), "SUSPENDED"]]);
    expect(statusesOn(s, D)).toEqual(["APPOINTED", "SUSPENDED"]);
    expect(credited(s, D)).toBe(true);
    expect(statusesOn(s, addDays(D, 1))).toEqual(["SUSPENDED"]);
    expect(participantProblem("5", addDays(D, 1), s)).toBe(
      `volunteer 5 (陈明) was SUSPENDED on ${addDays(D, 1)}, not APPOINTED`,
    );
  });

  it("does not credit the suspension period after reinstatement", () => {
    const s = appointed([
      [shenzhen("2026-03-01", 11), "SUSPENDED"],
      [shenzhen("2026-03-20", 8), "APPOINTED"],
    ]);
    expect(credited(s, "2026-02-28")).toBe(true);
    expect(credited(s, "2026-03-01")).toBe(true);
    expect(statusesOn(s, D)).toEqual(["SUSPENDED"]);
    expect(credited(s, D)).toBe(false);
    expect(credited(s, "2026-03-19")).toBe(false);
    expect(statusesOn(s, "2026-03-20")).toEqual(["SUSPENDED", "APPOINTED"]);
    expect(credited(s, "2026-03-20")).toBe(true);
    expect(credited(s, "2026-04-01")).toBe(true);
  });

  it("turns the date at 16:00 UTC, not at midnight UTC", () => {
    // 2026-03-09T20:00Z is 04:00 on 10 March in Shenzhen, though still 9 March in UTC.
    const s = standing([
      ["2026-01-05T01:00:00.000Z", "APPLIED"],
      ["2026-03-09T20:00:00.000Z", "APPOINTED"],
    ]);
    expect(statusesOn(s, "2026-03-09")).toEqual(["APPLIED"]);
    expect(credited(s, "2026-03-09")).toBe(false);
    expect(statusesOn(s, "2026-03-10")).toEqual(["APPLIED", "APPOINTED"]);
    // The last second of a Shenzhen day, and the first of the next.
    const edge = appointed([
      ["2026-03-10T15:59:59.000Z", "SUSPENDED"],
      ["2026-03-11T16:00:00.000Z", "APPOINTED"],
    ]);
    expect(statusesOn(edge, D)).toEqual(["APPOINTED", "SUSPENDED"]);
    expect(statusesOn(edge, "2026-03-11")).toEqual(["SUSPENDED"]);
    expect(statusesOn(edge, "2026-03-12")).toEqual(["SUSPENDED", "APPOINTED"]);
  });

  it("is the present status when no history is kept", () => {
    const s = { ...standing([]), status: "WITHDRAWN" };
    expect(statusesOn(s, D)).toEqual(["WITHDRAWN"]);
    expect(credited(s, D)).toBe(false);
  });
});

describe("the service agreement on that date", () => {
  const history: Array<[string, string]> = [[shenzhen("2026-01-20", 10), "APPOINTED"]];

  it("counts hours on the agreement's first and last day, not outside", () => {
    const s = standing(history, { validFrom: "2026-02-01", validTo: "2026-03-10" });
    expect(credited(s, "2026-02-01")).toBe(true);
    expect(credited(s, "2026-03-10")).toBe(true);
    expect(participantProblem("5", "2026-03-11", s)).toBe(
      "volunteer 5 (陈明) has no service agreement valid on 2026-03-11 (valid 2026-02-01 to 2026-03-10)",
    );
    expect(credited(s, "2026-01-31")).toBe(false);
  });

  it("names a missing agreement and an unknown volunteer", () => {
    expect(participantProblem("5", D, standing(history, null))).toBe(
      `volunteer 5 (陈明) has no service agreement valid on ${D}`,
    );
    expect(participantProblem("77", D, null)).toBe("volunteer 77 is not known to the corps");
    expect(participantProblem("77", D, undefined)).toBe("volunteer 77 is not known to the corps");
  });
});
