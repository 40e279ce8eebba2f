import { Column, Entity, Index } from "typeorm";
import { Field, Float, ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { decimalTransformer } from "../../shared/db";
import { RecordCorrectionAction, RecordCorrectionStatus } from "../vocabulary";

/** docs/domain.md rule 8: the request and the decision of a record correction, never updated. */
@Entity("record_correction_event")
@Index("ix_record_correction_event_correction", ["correctionId"])
@ObjectType({
  description:
    "A step of a record correction (audit event): the request or the decision, with the hours before and after an accepted one.",
})
export class RecordCorrectionEvent extends StatusAuditEvent<
  RecordCorrectionAction,
  RecordCorrectionStatus
>(RecordCorrectionAction, RecordCorrectionStatus) {
  @Column({ type: "int" })
  correctionId: number;

  @Column({
    type: "decimal",
    precision: 6,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  @Field(() => Float, {
    nullable: true,
    description: "The participation's hours before an accepted correction (null: none recorded).",
  })
  hoursBefore: number | null;

  @Column({
    type: "decimal",
    precision: 6,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  @Field(() => Float, {
    nullable: true,
    description: "The participation's hours after an accepted correction.",
  })
  hoursAfter: number | null;
}
