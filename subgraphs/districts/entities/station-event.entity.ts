import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { StationAction, StationStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per state change of a station, never updated or deleted. */
@Entity("station_event")
@Index("ix_station_event_station", ["stationId"])
@ObjectType({ description: "An audit event: a station's state change, who made it, when and why." })
export class StationEvent extends StatusAuditEvent<StationAction, StationStatus>(
  StationAction,
  StationStatus,
) {
  @Column({ type: "int" })
  stationId: number;
}
