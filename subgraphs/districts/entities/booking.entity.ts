import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ServiceForm } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { BookingChannel, BookingStatus } from "../vocabulary";

/**
 * A booking (预约): an enterprise asks for a one-on-one session with a chosen expert for one of its
 * demands. Owned by districts, beside the demand whose status it moves, so that the booking's and
 * the demand's changes are one local transaction; the expert is checked with corps before it.
 */
@Entity("booking")
@Index("ix_booking_demand", ["demandId"])
@Index("ix_booking_volunteer_status", ["volunteerId", "status"])
@Index("ix_booking_district_status", ["districtCode", "status"])
@Unique("uq_booking_activity", ["activityId"])
@ObjectType({
  description:
    "A booking (预约) of a one-on-one session with an expert for an enterprise's demand; see history for how it got where it is.",
})
export class Booking {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  demandId: number;

  /** The demand's district, copied at request time (a demand never changes district). */
  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "int", nullable: true })
  menuItemId: number | null;

  @Column({ type: "varchar", length: 16 })
  @Field(() => ServiceForm, { description: "How the session is to be held." })
  form: ServiceForm;

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "What the enterprise wants from the session." })
  message: string;

  /** Personal data: exposed only through the masking resolver. */
  @Column({ type: "varchar", length: 60 })
  contactName: string;

  /** Personal data: exposed only through the masking resolver. */
  @Column({ type: "varchar", length: 11 })
  contactPhone: string;

  @Column({ type: "varchar", length: 16 })
  @Field(() => BookingChannel, { description: "Who made the booking." })
  channel: BookingChannel;

  /** As stored; the status field applies the expiry rule on every read. */
  @Column({ type: "varchar", length: 16 })
  status: BookingStatus;

  @Column({ type: "datetime" })
  @Field(() => Date, { description: "When it was requested (UTC)." })
  requestedAt: Date;

  @Column({ type: "date" })
  @Field(() => DateScalar, {
    description:
      "The last day (Shenzhen date) the expert's branch can answer; unanswered after it, the booking is EXPIRED.",
  })
  answerBy: string;

  @Column({ type: "datetime", nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: "When it was accepted, declined or cancelled.",
  })
  decidedAt: Date | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was declined or cancelled." })
  reason: string | null;

  /** The activity that served it (COMPLETED), unique: one session serves one booking. */
  @Column({ type: "int", nullable: true })
  activityId: number | null;

  @Column({ type: "int", default: 1 })
  @Field(() => Int, { description: "Bumped by every change; pass it back as expectedVersion." })
  version: number;

  @Column({ type: "varchar", length: 100 })
  createdBy: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;

  @UpdateDateColumn({ type: "datetime" })
  updatedAt: Date;
}
