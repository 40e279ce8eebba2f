import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { ReportFigure } from "../vocabulary";

/** A figure that moved from one revision to the next, and the audit events that moved it. */
@ObjectType({ description: "A figure of a station that moved between two revisions." })
export class FigureMove {
  @Field(() => ReportFigure)
  figure: ReportFigure;

  @Field(() => String, { nullable: true, description: "In the previous revision (as text)." })
  before: string | null;

  @Field(() => String, { nullable: true, description: "In this revision (as text)." })
  after: string | null;
}

@ObjectType({
  description:
    "An audit event recorded since the previous close, on the station's data of the month.",
})
export class ReportCause {
  @Field({ description: "The event's table: station_event, demand_event or activity_event." })
  source: string;

  @Field(() => Int)
  eventId: number;

  @Field({ description: "The record it changed: station 3, demand 12, activity 40." })
  subject: string;

  @Field()
  action: string;

  @Field({ description: "When (ISO 8601, UTC)." })
  at: string;

  @Field()
  actor: string;
}

/**
 * One station whose figures moved in a revision (revision 2 and later), or a district whose totals
 * moved (stationId null), written once.
 */
@Entity("station_report_change")
@Index("ix_station_report_change_month", ["month", "revision", "districtCode"])
@ObjectType({ description: "A station whose figures moved in a revision, and why." })
export class StationReportChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 7 })
  @Field()
  month: string;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;

  /** Null: the district's totals beyond its stations (online activities, say). */
  @Column({ type: "int", nullable: true })
  stationId: number | null;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "simple-json" })
  @Field(() => [FigureMove])
  moved: FigureMove[];

  @Column({ type: "simple-json" })
  @Field(() => [ReportCause], {
    description:
      "The audit events since the previous close on this station and its month's demands and activities.",
  })
  causes: ReportCause[];
}
