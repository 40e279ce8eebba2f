import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { PlanAction, PlanStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per state change of a public-service plan. */
@Entity("plan_event")
@Index("ix_plan_event_plan", ["planId"])
@ObjectType({
  description:
    "An audit event of a public-service plan: who, when, from which status to which, why.",
})
export class PlanEvent extends StatusAuditEvent<PlanAction, PlanStatus>(PlanAction, PlanStatus) {
  @Column({ type: "int" })
  planId: number;
}
