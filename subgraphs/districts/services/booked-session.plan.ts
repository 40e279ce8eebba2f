// The booking side of an activity batch: an activity that names a booking (the one-on-one session
// it served) completes the booking and moves its demand to IN_SERVICE, or RESOLVED with the
// enterprise's satisfaction. Pure: the checks and the change, from what the transaction read.
import { businessDate } from "../../../runtime/dates";
import type { Booking } from "../entities/booking.entity";
import type { ActivityInput } from "../inputs/activity.input";
import { BookingStatus, type DemandStatus } from "../vocabulary";
import { demandAfterService, effectiveStatus } from "./booking-rules";

export interface DemandRef {
  id: number;
  status: DemandStatus;
  satisfaction: number | null;
  /** The enterprise rated it itself (rateDemand): a session's row no longer sets the score. */
  ratedByEnterprise?: boolean;
}

/** What the plan knows of bookings, as read in the transaction. */
export interface StoredBookings {
  /** Bookings the rows name, and those linked to the stored activities, by id. */
  bookings: ReadonlyMap<number, Booking>;
  /** The booking each stored activity served, by activity id. */
  linked: ReadonlyMap<number, Booking>;
  /** The demands of those bookings, by id. */
  demands: ReadonlyMap<number, DemandRef>;
  /** Today in Shenzhen, for the expiry rule. */
  today: string;
}

/** What one row does to its booking and demand. */
export interface ServiceChange {
  booking: Booking;
  /** ACCEPTED → COMPLETED, linking the activity (false: it is linked already). */
  complete: boolean;
  demand: { id: number; from: DemandStatus; to: DemandStatus; satisfaction: number | null } | null;
  satisfaction: number | null;
}

const bookingOf = (input: ActivityInput) => (input.bookingId ? Number(input.bookingId) : null);

/** Why this row cannot serve the booking it names, or null. */
export function serviceProblem(
  input: ActivityInput,
  existingId: number | undefined,
  stored: StoredBookings,
  districtCode: string,
): string | null {
  const id = bookingOf(input);
  if (input.satisfaction != null && id === null)
    return "satisfaction rates a booked session: give the bookingId of the booking it served";
  if (id === null) return null;
  const linked = existingId === undefined ? undefined : stored.linked.get(existingId);
  if (linked && linked.id !== id)
    return `this activity served booking ${linked.id}; a session's booking cannot change`;
  const booking = stored.bookings.get(id);
  if (!booking || booking.districtCode !== districtCode)
    return `bookingId ${id}: no such booking in district ${districtCode}`;
  if (booking.activityId !== null && booking.activityId !== existingId)
    return `booking ${id} was already served by another activity`;
  if (booking.activityId === null) {
    const status = effectiveStatus(booking, stored.today);
    if (status !== BookingStatus.ACCEPTED)
      return `booking ${id} is ${status}; only an ACCEPTED booking can be served`;
  }
  if (input.satisfaction != null && stored.demands.get(booking.demandId)?.ratedByEnterprise)
    return `demand ${booking.demandId} was rated by the enterprise itself; its district no longer sets satisfaction: leave it out of this row`;
  if (!input.participants.some((p) => Number(p.volunteerId) === booking.volunteerId))
    return `the booked expert (volunteer ${booking.volunteerId}) is not among the participants`;
  const requestedOn = businessDate(booking.requestedAt);
  if (input.heldOn < requestedOn)
    return `heldOn ${input.heldOn} is before booking ${id} was made (${requestedOn})`;
  return null;
}

/**
 * The change a checked row makes to its booking and demand; null when it makes none. `demands` is
 * the batch's working copy of the stored demands: the row's move is recorded there, so that a later
 * row serving another booking of the same demand starts from it, as its write will.
 */
export function serviceChange(
  input: ActivityInput,
  stored: StoredBookings,
  demands: Map<number, DemandRef> = new Map(stored.demands),
): ServiceChange | null {
  const id = bookingOf(input);
  if (id === null) return null;
  const booking = stored.bookings.get(id)!;
  const demand = demands.get(booking.demandId)!;
  const satisfaction = input.satisfaction ?? null;
  const after = demandAfterService(demand, satisfaction);
  if (after) demands.set(demand.id, { ...demand, ...after });
  const complete = booking.activityId === null;
  if (!complete && !after) return null;
  return {
    booking,
    complete,
    demand: after ? { id: demand.id, from: demand.status, ...after, to: after.status } : null,
    satisfaction,
  };
}
