import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { BookingAction, BookingStatus, DemandStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a booking (and of its demand), never updated. */
@Entity("booking_event")
@Index("ix_booking_event_booking", ["bookingId"])
@ObjectType({
  description:
    "A change to a booking (audit event): who, when, from which status to which, what it did to the demand, and why.",
})
export class BookingEvent extends StatusAuditEvent<BookingAction, BookingStatus>(
  BookingAction,
  BookingStatus,
) {
  @Column({ type: "int" })
  bookingId: number;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => DemandStatus, {
    nullable: true,
    description: "The demand's status before, when this change moved it.",
  })
  demandFrom: DemandStatus | null;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => DemandStatus, {
    nullable: true,
    description: "The demand's status after, when this change moved it.",
  })
  demandTo: DemandStatus | null;
}
