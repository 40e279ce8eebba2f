import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { decimalTransformer } from "../../shared/db";

/**
 * A station's figures for a closed month, in one revision (docs/reports.md); every revision keeps
 * all its stations' rows, written once and never updated.
 */
@Entity("station_monthly_report")
@Unique("uq_station_monthly_report", ["month", "revision", "stationId"])
@Index("ix_station_monthly_report_district", ["month", "revision", "districtCode"])
@Index("ix_station_monthly_report_station", ["stationId", "month"])
@ObjectType({ description: "A station's figures for a closed month (one revision of it)." })
export class StationMonthlyReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 7 })
  @Field()
  month: string;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;

  @Column({ type: "int" })
  stationId: number;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Activities held at the station in the month." })
  activities: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Enterprises those activities served." })
  enterprisesServed: number;

  @Column({ type: "decimal", precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: "Verified service hours (docs/domain.md rule 3)." })
  serviceHours: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Demands collected in the month." })
  demandsCollected: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Of those, RESOLVED when the month was closed." })
  demandsResolved: number;

  /** The sum of the resolved demands' satisfaction ratings (1-5), for exact means over months. */
  @Column({ type: "int" })
  satisfactionSum: number;

  /** Resolved demands with a rating. */
  @Column({ type: "int" })
  ratedDemands: number;

  @Column({ type: "boolean" })
  @Field({ description: "Idle at the month's last day (docs/domain.md rule 6)." })
  idle: boolean;

  @Field(() => Float, {
    nullable: true,
    description: "Mean satisfaction (1-5) of the resolved, rated demands; null without any.",
  })
  get meanSatisfaction(): number | null {
    return this.ratedDemands
      ? Math.round((this.satisfactionSum / this.ratedDemands) * 100) / 100
      : null;
  }
}
