import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { AuditEvent } from "../../shared/audit-event";
import { ReportingAction } from "../vocabulary";

/** docs/domain.md rule 8: one row per revision of a reporting month, never updated or deleted. */
@Entity("reporting_month_event")
@Index("ix_reporting_month_event_month", ["month", "revision"])
@ObjectType({
  description: "An audit event: a reporting month closed or revised, who, when, what moved.",
})
export class ReportingMonthEvent extends AuditEvent<ReportingAction>(ReportingAction) {
  @Column({ type: "varchar", length: 7 })
  @Field()
  month: string;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;
}
