// A demand's timeline for its enterprise: its own events and its bookings' events, merged by time.
// One batch: one IN (...) each over demand_event, booking and booking_event.
import { In, type DataSource } from "typeorm";
import { grouped } from "../../shared/loader-helpers";
import { Booking } from "../entities/booking.entity";
import { BookingEvent } from "../entities/booking-event.entity";
import { DemandEvent } from "../entities/demand-event.entity";
import { TimelineStep, TimelineSubject } from "../types/timeline.types";

type Dated = TimelineStep & { demandId: number; order: number };

/**
 * Events are kept to the second (MySQL DATETIME; a booking's moves are stamped so everywhere), so
 * steps of one second are ordered by what causes what: a demand's creation, then booking steps,
 * then the demand moves they cause (written with their booking's time), then the rest.
 */
const RANK: Record<string, number> = { PUBLISH: 0, SUBMIT: 0, MATCH: 2, REOPEN: 2, SERVE: 2 };
const rankOf = (subject: TimelineSubject, action: string) =>
  subject === TimelineSubject.BOOKING ? 1 : (RANK[action] ?? 3);
const second = (at: Date) => Math.floor(new Date(at).getTime() / 1000);

export async function timelines(db: DataSource, demandIds: readonly number[]) {
  const ids = [...demandIds];
  const own = await db.getRepository(DemandEvent).find({ where: { demandId: In(ids) } });
  const bookings = await db
    .getRepository(Booking)
    .find({ select: { id: true, demandId: true }, where: { demandId: In(ids) } });
  const demandOf = new Map(bookings.map((b) => [b.id, b.demandId]));
  const booked = bookings.length
    ? await db.getRepository(BookingEvent).find({ where: { bookingId: In([...demandOf.keys()]) } })
    : [];
  const steps: Dated[] = [
    ...own.map((e) => ({
      ...stepOf(e, TimelineSubject.DEMAND, null),
      demandId: e.demandId,
      order: rankOf(TimelineSubject.DEMAND, e.action) * 1e10 + e.id,
    })),
    ...booked.map((e) => ({
      ...stepOf(e, TimelineSubject.BOOKING, String(e.bookingId)),
      demandId: demandOf.get(e.bookingId)!,
      order: rankOf(TimelineSubject.BOOKING, e.action) * 1e10 + e.id,
    })),
  ];
  steps.sort((a, b) => second(a.at) - second(b.at) || a.order - b.order);
  return grouped(demandIds, steps, (s) => s.demandId).map((list) =>
    list.map(({ demandId: _d, order: _o, ...step }) => step),
  );
}

function stepOf(
  e: DemandEvent | BookingEvent,
  subject: TimelineSubject,
  bookingId: string | null,
): TimelineStep {
  return {
    at: e.at,
    subject,
    bookingId,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    comment: e.comment,
  };
}
