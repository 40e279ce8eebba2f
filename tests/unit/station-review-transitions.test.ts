// The station review table (contract/README.md, ReviewDecision): every decision from every status
// is either the one legal move or a CONFLICT naming the current status. No server.
import { DomainError } from "../../runtime/errors";
import { reviewedStatus, TRANSITIONS } from "../../subgraphs/districts/services/review.service";
import { ReviewDecision, StationStatus } from "../../subgraphs/districts/vocabulary";

/** The contract's table, written out independently of the service's. */
const LEGAL: Record<StationStatus, Partial<Record<ReviewDecision, StationStatus>>> = {
  SUBMITTED: { ACCEPT: StationStatus.UNDER_REVIEW, REJECT: StationStatus.REJECTED },
  UNDER_REVIEW: { REJECT: StationStatus.REJECTED, FILE: StationStatus.FILED },
  FILED: { SUSPEND: StationStatus.SUSPENDED, REVOKE: StationStatus.REVOKED },
  SUSPENDED: { FILE: StationStatus.FILED, REVOKE: StationStatus.REVOKED },
  REJECTED: {},
  REVOKED: {},
};

const cases = Object.values(StationStatus).flatMap((status) =>
  Object.values(ReviewDecision).map((decision) => [status, decision] as const),
);

describe("station review transitions", () => {
  it("covers every status and every decision", () => {
    expect(Object.keys(LEGAL).sort()).toEqual(Object.values(StationStatus).sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.values(ReviewDecision).sort());
    expect(cases).toHaveLength(30);
  });

  it.each(cases)("from %s, %s", (status, decision) => {
    const to = LEGAL[status][decision];
    if (to) {
      expect(reviewedStatus("7", status, decision)).toBe(to);
      return;
    }
    let thrown: unknown;
    try {
      reviewedStatus("7", status, decision);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: "CONFLICT",
      details: { currentStatus: status },
      message: expect.stringContaining(`cannot ${decision} station 7: it is ${status}`),
    });
  });

  it("names where a decision does apply when it does not apply here", () => {
    expect(() => reviewedStatus("9", StationStatus.REVOKED, ReviewDecision.FILE)).toThrow(
      "cannot FILE station 9: it is REVOKED, and FILE applies only to UNDER_REVIEW or SUSPENDED",
    );
  });
});
