// The platform certification table and the plan table without a server: every move from every
// status is either the one legal move or a CONFLICT naming the current status.
import { DomainError } from "../../runtime/errors";
import {
  applicationTransition,
  assertWritable,
  nextStatus,
  TRANSITIONS,
  WRITABLE_IN,
  type Transition,
} from "../../subgraphs/platforms/services/lifecycle";
import {
  nextPlanStatus,
  PLAN_TRANSITIONS,
  type PlanTransition,
} from "../../subgraphs/platforms/services/service-plans.service";
import { PlanStatus, PlatformStatus } from "../../subgraphs/platforms/vocabulary";

/** The table as docs/platforms.md documents it, written out independently of the service's. */
const LEGAL: Record<PlatformStatus, Partial<Record<Transition, PlatformStatus>>> = {
  APPLIED: {
    amend: PlatformStatus.APPLIED,
    certify: PlatformStatus.CERTIFIED,
    reject: PlatformStatus.REJECTED,
  },
  CERTIFIED: { revoke: PlatformStatus.REVOKED },
  REJECTED: { reapply: PlatformStatus.APPLIED },
  REVOKED: { reapply: PlatformStatus.APPLIED },
};

function conflictOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a CONFLICT");
}

describe("platform transitions", () => {
  const cases = Object.values(PlatformStatus).flatMap((status) =>
    (Object.keys(TRANSITIONS) as Transition[]).map((t) => [status, t] as const),
  );

  it("covers every status and every move", () => {
    expect(Object.keys(LEGAL).sort()).toEqual(Object.values(PlatformStatus).sort());
    expect(cases).toHaveLength(20);
  });

  it.each(cases)("from %s, %s", (status, transition) => {
    const to = LEGAL[status][transition];
    if (to) {
      expect(nextStatus(7, status, transition)).toBe(to);
      return;
    }
    const error = conflictOf(() => nextStatus(7, status, transition));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "CONFLICT",
      details: { currentStatus: status },
      message: expect.stringContaining(`cannot ${transition} platform 7: it is ${status}`),
    });
  });

  it("an application for an existing platform amends it, reopens it, or is refused", () => {
    expect(applicationTransition(3, PlatformStatus.APPLIED)).toBe("amend");
    expect(applicationTransition(3, PlatformStatus.REJECTED)).toBe("reapply");
    expect(applicationTransition(3, PlatformStatus.REVOKED)).toBe("reapply");
    expect(conflictOf(() => applicationTransition(3, PlatformStatus.CERTIFIED))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("platform 3 is CERTIFIED"),
    });
  });

  it.each([
    ["set the mentors of", ["APPLIED", "CERTIFIED"]],
    ["propose a plan for", ["APPLIED", "CERTIFIED"]],
    ["review", ["CERTIFIED", "REVOKED"]],
  ] as const)("%s: allowed only when %j", (what, allowed) => {
    expect([...WRITABLE_IN[what]].sort()).toEqual([...allowed].sort());
    for (const status of Object.values(PlatformStatus)) {
      if ((allowed as readonly string[]).includes(status)) {
        expect(() => assertWritable(what, 5, status)).not.toThrow();
      } else {
        expect(conflictOf(() => assertWritable(what, 5, status))).toMatchObject({
          code: "CONFLICT",
          message: `cannot ${what} platform 5: it is ${status}; only a platform that is ${allowed.join(" or ")} allows it`,
        });
      }
    }
  });
});

describe("plan transitions", () => {
  const LEGAL_PLAN: Record<PlanStatus, Partial<Record<PlanTransition, PlanStatus>>> = {
    PROPOSED: { file: PlanStatus.FILED, reject: PlanStatus.REJECTED },
    FILED: {},
    REJECTED: {},
  };
  const cases = Object.values(PlanStatus).flatMap((status) =>
    (Object.keys(PLAN_TRANSITIONS) as PlanTransition[]).map((t) => [status, t] as const),
  );

  it.each(cases)("from %s, %s", (status, transition) => {
    const to = LEGAL_PLAN[status][transition];
    if (to) expect(nextPlanStatus(4, status, transition)).toBe(to);
    else
      expect(conflictOf(() => nextPlanStatus(4, status, transition))).toMatchObject({
        code: "CONFLICT",
        details: { currentStatus: status },
      });
  });
});
