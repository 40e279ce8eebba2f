import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { VolunteerStatus } from "../../shared/vocabulary";
import { VolunteerAction } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a volunteer, never updated or deleted. */
@Entity("volunteer_event")
@Index("ix_volunteer_event_volunteer", ["volunteerId"])
@ObjectType({
  description:
    "A change of a volunteer (audit event): who, when, what, from which status to which, and why.",
})
export class VolunteerEvent extends StatusAuditEvent<VolunteerAction, VolunteerStatus>(
  VolunteerAction,
  VolunteerStatus,
) {
  @Column({ type: "int" })
  volunteerId: number;
}
