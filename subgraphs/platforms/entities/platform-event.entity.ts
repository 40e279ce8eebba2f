import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { PlatformAction, PlatformStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a platform, never updated or deleted. */
@Entity("platform_event")
@Index("ix_platform_event_platform", ["platformId"])
@ObjectType({
  description:
    "An audit event of a platform: who did what, when, from which status to which, and why (the level and date, the mentors added and removed).",
})
export class PlatformEvent extends StatusAuditEvent<PlatformAction, PlatformStatus>(
  PlatformAction,
  PlatformStatus,
) {
  @Column({ type: "int" })
  platformId: number;
}
