import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { BookingAction, BookingStatus, DemandStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a booking (and of its demand), never updated. */
@Entity("booking_event")
@Index("ix_booking_event_booking", ["bookingId"])
@ObjectType({
  description:
    "A change to a booking (audit event): who, when, from which status to which, what it did to the demand, and why.",
})
export class BookingEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  bookingId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({
    description:
      "Who made the change: the caller's token subject, enterprise:<masked credit code>, or system:booking-expiry.",
  })
  actor: string;

  @Column({ type: "datetime" })
  @Field(() => Date, { description: "When (UTC); for an expiry, when the answer was due." })
  at: Date;

  @Column({ type: "varchar", length: 16 })
  @Field(() => BookingAction)
  action: BookingAction;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => BookingStatus, { nullable: true, description: "Null for the request itself." })
  fromStatus: BookingStatus | null;

  @Column({ type: "varchar", length: 16 })
  @Field(() => BookingStatus)
  toStatus: BookingStatus;

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

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Why, or what happened." })
  comment: string | null;
}
