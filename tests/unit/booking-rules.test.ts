// The booking lifecycle without a server: every transition from every status, the expiry rule on
// Shenzhen dates, and what each move does to the demand.
import {
  demandAfter,
  demandAfterService,
  effectiveStatus,
  isExpired,
  nextStatus,
  TRANSITIONS,
  type BookingTransition,
} from "../../subgraphs/districts/services/booking-rules";
import { BookingStatus, DemandStatus } from "../../subgraphs/districts/vocabulary";

const ALL = Object.values(BookingStatus);
const LEGAL: Record<BookingTransition, BookingStatus[]> = {
  accept: [BookingStatus.REQUESTED],
  decline: [BookingStatus.REQUESTED],
  expire: [BookingStatus.REQUESTED],
  cancel: [BookingStatus.REQUESTED, BookingStatus.ACCEPTED],
  complete: [BookingStatus.ACCEPTED],
};

describe("booking transitions", () => {
  for (const transition of Object.keys(TRANSITIONS) as BookingTransition[]) {
    it.each(ALL)(`${transition} from %s`, (status) => {
      if (LEGAL[transition].includes(status)) {
        expect(nextStatus(1, status, transition)).toBe(TRANSITIONS[transition].to);
      } else {
        expect(() => nextStatus(1, status, transition)).toThrow(
          expect.objectContaining({
            code: "CONFLICT",
            details: {
              currentStatus: status,
              legalMoves: Object.keys(LEGAL).filter((t) =>
                LEGAL[t as BookingTransition].includes(status),
              ),
            },
          }),
        );
      }
    });
  }

  it("leaves DECLINED, EXPIRED, CANCELLED and COMPLETED final", () => {
    const final = [
      BookingStatus.DECLINED,
      BookingStatus.EXPIRED,
      BookingStatus.CANCELLED,
      BookingStatus.COMPLETED,
    ];
    for (const status of final)
      for (const transition of Object.keys(TRANSITIONS) as BookingTransition[])
        if (transition !== "complete" || status !== BookingStatus.ACCEPTED)
          expect(() => nextStatus(1, status, transition)).toThrow();
  });
});

describe("expiry", () => {
  const requested = { status: BookingStatus.REQUESTED, answerBy: "2026-03-10" };
  it("expires a request only after its answerBy day", () => {
    expect(isExpired(requested, "2026-03-10")).toBe(false);
    expect(isExpired(requested, "2026-03-11")).toBe(true);
    expect(effectiveStatus(requested, "2026-03-11")).toBe(BookingStatus.EXPIRED);
    expect(effectiveStatus(requested, "2026-03-09")).toBe(BookingStatus.REQUESTED);
  });
  it("never expires an answered booking", () => {
    for (const status of ALL.filter((s) => s !== BookingStatus.REQUESTED))
      expect(effectiveStatus({ status, answerBy: "2020-01-01" }, "2026-03-11")).toBe(status);
  });
});

describe("the demand", () => {
  it("is MATCHED by an accepted booking, only from OPEN", () => {
    expect(demandAfter("accept", BookingStatus.REQUESTED, DemandStatus.OPEN, 0)).toBe(
      DemandStatus.MATCHED,
    );
    for (const status of [DemandStatus.MATCHED, DemandStatus.IN_SERVICE, DemandStatus.RESOLVED])
      expect(demandAfter("accept", BookingStatus.REQUESTED, status, 0)).toBeNull();
  });
  it("is OPEN again when its only accepted booking is cancelled", () => {
    expect(demandAfter("cancel", BookingStatus.ACCEPTED, DemandStatus.MATCHED, 0)).toBe(
      DemandStatus.OPEN,
    );
    expect(demandAfter("cancel", BookingStatus.ACCEPTED, DemandStatus.MATCHED, 1)).toBeNull();
    expect(demandAfter("cancel", BookingStatus.REQUESTED, DemandStatus.MATCHED, 0)).toBeNull();
    expect(demandAfter("cancel", BookingStatus.ACCEPTED, DemandStatus.IN_SERVICE, 0)).toBeNull();
  });
  it("moves on with a served session, never back, never out of CLOSED", () => {
    const at = (status: DemandStatus, satisfaction: number | null = null) => ({
      status,
      satisfaction,
    });
    expect(demandAfterService(at(DemandStatus.MATCHED), null)).toEqual(at(DemandStatus.IN_SERVICE));
    expect(demandAfterService(at(DemandStatus.OPEN), null)).toEqual(at(DemandStatus.IN_SERVICE));
    expect(demandAfterService(at(DemandStatus.IN_SERVICE), null)).toBeNull();
    expect(demandAfterService(at(DemandStatus.IN_SERVICE), 4)).toEqual(
      at(DemandStatus.RESOLVED, 4),
    );
    expect(demandAfterService(at(DemandStatus.RESOLVED, 4), 4)).toBeNull();
    expect(demandAfterService(at(DemandStatus.RESOLVED, 4), 2)).toEqual(
      at(DemandStatus.RESOLVED, 2),
    );
    expect(demandAfterService(at(DemandStatus.CLOSED), 5)).toBeNull();
  });
});
