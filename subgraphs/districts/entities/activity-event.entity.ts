import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { AuditEvent } from "../../shared/audit-event";
import { ActivityAction } from "../vocabulary";

/** docs/domain.md rule 8: one row per publication or change of an activity, never updated. */
@Entity("activity_event")
@Index("ix_activity_event_activity", ["activityId"])
@ObjectType({
  description: "A change of an activity (audit event): who, in which role, when, and what changed.",
})
export class ActivityEvent extends AuditEvent<ActivityAction>(ActivityAction) {
  @Column({ type: "int" })
  activityId: number;
}
