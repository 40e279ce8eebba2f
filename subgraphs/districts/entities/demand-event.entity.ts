import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { DemandAction, DemandStatus } from "../vocabulary";

/**
 * docs/domain.md rule 8: one row per status change of a demand (its publication included), whoever
 * made it: the district's publish or a booking. Never updated or deleted.
 */
@Entity("demand_event")
@Index("ix_demand_event_demand", ["demandId"])
@ObjectType({
  description:
    "A status change of a demand (audit event): who, in which role, when, what moved it, from which status to which, and why.",
})
export class DemandEvent extends StatusAuditEvent<DemandAction, DemandStatus>(
  DemandAction,
  DemandStatus,
) {
  @Column({ type: "int" })
  demandId: number;
}
