// The volunteer lifecycle table (docs/domain.md "corps"): every transition from every status is either
// legal or a CONFLICT naming the current status. No server.
import { DomainError } from "../../runtime/errors";
import { Volunteer } from "../../subgraphs/corps/entities/volunteer.entity";
import {
  assertTransition,
  TRANSITIONS,
  type Transition,
} from "../../subgraphs/corps/services/volunteer-lifecycle.service";

type Status = "APPLIED" | "APPOINTED" | "SUSPENDED" | "WITHDRAWN";

/** APPLIED → APPOINTED → SUSPENDED | WITHDRAWN, reinstated back to APPOINTED; written out here. */
const LEGAL: Record<Status, Partial<Record<Transition, Status>>> = {
  APPLIED: { appoint: "APPOINTED", withdraw: "WITHDRAWN" },
  APPOINTED: { suspend: "SUSPENDED", withdraw: "WITHDRAWN" },
  SUSPENDED: { withdraw: "WITHDRAWN", reinstate: "APPOINTED" },
  WITHDRAWN: {},
};
const STATUSES = Object.keys(LEGAL) as Status[];
const TRANSITION_NAMES: Transition[] = ["appoint", "suspend", "withdraw", "reinstate"];

const volunteer = (status: Status) =>
  Object.assign(new Volunteer(), { id: 42, status }) as Volunteer;

const cases = STATUSES.flatMap((status) => TRANSITION_NAMES.map((t) => [status, t] as const));

describe("volunteer lifecycle transitions", () => {
  it("has exactly the four transitions", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TRANSITION_NAMES].sort());
    expect(cases).toHaveLength(16);
  });

  it.each(cases)("from %s, %s", (status, transition) => {
    const to = LEGAL[status][transition];
    const rule = TRANSITIONS[transition];
    expect((rule.from as readonly string[]).includes(status)).toBe(Boolean(to));
    if (to) {
      expect(rule.to).toBe(to);
      expect(() => assertTransition(volunteer(status), transition)).not.toThrow();
      return;
    }
    let thrown: unknown;
    try {
      assertTransition(volunteer(status), transition);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: "CONFLICT",
      details: {
        currentStatus: status,
        legalMoves: TRANSITION_NAMES.filter((t) => LEGAL[status][t]),
      },
      message: expect.stringContaining(`cannot ${transition} volunteer 42: it is ${status}`),
    });
  });

  it("says which statuses a transition needs, and which moves are legal now", () => {
    expect(() => assertTransition(volunteer("WITHDRAWN"), "reinstate")).toThrow(
      "cannot reinstate volunteer 42: it is WITHDRAWN, and only a volunteer in SUSPENDED can be reinstated; nothing moves it on from WITHDRAWN",
    );
    expect(() => assertTransition(volunteer("APPOINTED"), "appoint")).toThrow(
      "cannot appoint volunteer 42: it is APPOINTED, and only a volunteer in APPLIED can be appointed; from APPOINTED you can suspend, withdraw",
    );
  });
});
