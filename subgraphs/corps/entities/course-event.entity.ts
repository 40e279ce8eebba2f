import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { CourseAction, CourseStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a course, never updated or deleted. */
@Entity("course_event")
@Index("ix_course_event_course", ["courseId"])
@ObjectType({ description: "A change of a course (audit event): who, when, what, and why." })
export class CourseEvent extends StatusAuditEvent<CourseAction, CourseStatus>(
  CourseAction,
  CourseStatus,
) {
  @Column({ type: "int" })
  courseId: number;
}
