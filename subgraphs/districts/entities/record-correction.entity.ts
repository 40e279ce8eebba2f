import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { decimalTransformer } from "../../shared/db";
import { RecordCorrectionStatus } from "../vocabulary";

/**
 * A volunteer's request to correct its recorded hours at one activity, or to add a participation
 * left out (MCA Order 67): decided by the district that recorded the activity. `openKey` is
 * "<activityId>:<volunteerId>" while OPEN and null once decided, so a unique index allows one open
 * request per activity and volunteer on both databases (no partial indexes on MariaDB).
 */
@Entity("record_correction")
@Index("uq_record_correction_open", ["openKey"], { unique: true })
@Index("ix_record_correction_volunteer", ["volunteerId"])
@Index("ix_record_correction_district_status", ["districtCode", "status", "id"])
@ObjectType({
  description:
    "A volunteer's request to correct its hours at an activity (or add a participation left out), decided by the district that recorded it.",
})
export class RecordCorrection {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  activityId: number;

  @Column({ type: "int" })
  volunteerId: number;

  /** The district that recorded the activity, and decides. */
  @Column({ type: "varchar", length: 6 })
  @Field(() => ID, { description: "The district that recorded the activity and decides." })
  districtCode: string;

  @Column({ type: "varchar", length: 16, default: RecordCorrectionStatus.OPEN })
  @Field(() => RecordCorrectionStatus)
  status: RecordCorrectionStatus;

  @Column({ type: "varchar", length: 24, nullable: true })
  openKey: string | null;

  @Column({ type: "decimal", precision: 6, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: "The hours the volunteer says it served at the activity." })
  claimedHours: number;

  @Column({
    type: "decimal",
    precision: 6,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  @Field(() => Float, {
    nullable: true,
    description: "The hours recorded when the request was made; null when none were recorded.",
  })
  recordedHours: number | null;

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "Why the volunteer asks." })
  reason: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "The district's comment on its decision." })
  decisionComment: string | null;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the volunteer asked (UTC)." })
  requestedAt: Date;

  @Column({ type: "datetime", nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was decided (UTC)." })
  decidedAt: Date | null;
}
