import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { MeetingAction, MeetingStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a meeting, never updated or deleted. */
@Entity("meeting_event")
@Index("ix_meeting_event_meeting", ["meetingId"])
@ObjectType({ description: "A change of a meeting (audit event): who, when, what, and why." })
export class MeetingEvent extends StatusAuditEvent<MeetingAction, MeetingStatus>(
  MeetingAction,
  MeetingStatus,
) {
  @Column({ type: "int" })
  meetingId: number;
}
