// The booking lifecycle (docs/domain.md "Online services", rule 8) and what each move does to the
// demand: the only legal transitions, the expiry rule and the demand's next status. Pure: unit-
// tested from every status (tests/unit/booking-rules.test.ts).
import { checkMove } from "../../shared/transitions";
import { BookingAction, BookingStatus, DemandStatus } from "../vocabulary";

const { REQUESTED, ACCEPTED, DECLINED, EXPIRED, CANCELLED, COMPLETED } = BookingStatus;

export const TRANSITIONS = {
  accept: { from: [REQUESTED], to: ACCEPTED, action: BookingAction.ACCEPT },
  decline: { from: [REQUESTED], to: DECLINED, action: BookingAction.DECLINE },
  expire: { from: [REQUESTED], to: EXPIRED, action: BookingAction.EXPIRE },
  cancel: { from: [REQUESTED, ACCEPTED], to: CANCELLED, action: BookingAction.CANCEL },
  complete: { from: [ACCEPTED], to: COMPLETED, action: BookingAction.COMPLETE },
} as const satisfies Record<
  string,
  { from: readonly BookingStatus[]; to: BookingStatus; action: BookingAction }
>;
export type BookingTransition = keyof typeof TRANSITIONS;

/** Statuses that hold an expert's time: counted as the expert's load, one per demand and expert. */
export const LIVE = [REQUESTED, ACCEPTED] as const;
/** A demand can be booked while it still needs service. */
export const BOOKABLE_DEMAND = [DemandStatus.OPEN, DemandStatus.MATCHED, DemandStatus.IN_SERVICE];
/** Live bookings one demand may have at once: an enterprise asks a few experts, not the corps. */
export const MAX_LIVE_PER_DEMAND = 3;

/** Expired: still REQUESTED after the last day the branch had to answer (Shenzhen dates). */
export const isExpired = (b: { status: BookingStatus; answerBy: string }, today: string) =>
  b.status === REQUESTED && b.answerBy < today;

/** The status every read shows: the stored one, with the expiry rule applied. */
export const effectiveStatus = (b: { status: BookingStatus; answerBy: string }, today: string) =>
  isExpired(b, today) ? EXPIRED : b.status;

/** The status a transition leads to; from any other status a CONFLICT naming the current one. */
export function nextStatus(id: number, status: BookingStatus, transition: BookingTransition) {
  const needs = `${transition} applies only to a booking that is ${TRANSITIONS[transition].from.join(" or ")}`;
  return checkMove(TRANSITIONS, transition, `booking ${id}`, status, needs).to;
}

/**
 * The demand's status after a booking moves, or null when it stays: an accepted booking matches
 * an OPEN demand; cancelling the only accepted booking of a MATCHED demand reopens it. Forward
 * otherwise: a demand in service or resolved is never moved back by a booking.
 */
export function demandAfter(
  transition: BookingTransition,
  fromBooking: BookingStatus,
  demand: DemandStatus,
  otherMatches: number,
): DemandStatus | null {
  if (transition === "accept" && demand === DemandStatus.OPEN) return DemandStatus.MATCHED;
  if (
    transition === "cancel" &&
    fromBooking === ACCEPTED &&
    demand === DemandStatus.MATCHED &&
    otherMatches === 0
  )
    return DemandStatus.OPEN;
  return null;
}

/**
 * What a served session does to its demand: IN_SERVICE, or RESOLVED with the enterprise's
 * satisfaction; never backwards, and a CLOSED demand stays closed. Null when nothing changes.
 */
export function demandAfterService(
  demand: { status: DemandStatus; satisfaction: number | null },
  satisfaction: number | null,
): { status: DemandStatus; satisfaction: number | null } | null {
  if (demand.status === DemandStatus.CLOSED) return null;
  if (satisfaction !== null) {
    if (demand.status === DemandStatus.RESOLVED && demand.satisfaction === satisfaction)
      return null;
    return { status: DemandStatus.RESOLVED, satisfaction };
  }
  if (demand.status === DemandStatus.OPEN || demand.status === DemandStatus.MATCHED)
    return { status: DemandStatus.IN_SERVICE, satisfaction: demand.satisfaction };
  return null;
}
