import { Column, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { decimalTransformer } from "../../shared/db";

/**
 * A district's totals for a closed month, in one revision, by the dashboard's own district SQL:
 * they equal the dashboard's figures for the month. Beyond its stations' rows they count online
 * activities and demands at stations not filed that month. Written once, never updated.
 */
@Entity("district_monthly_report")
@Unique("uq_district_monthly_report", ["month", "revision", "districtCode"])
@ObjectType({ description: "A district's totals for a closed month (one revision of it)." })
export class DistrictMonthlyReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 7 })
  @Field()
  month: string;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "int" })
  @Field(() => Int)
  activities: number;

  @Column({ type: "int" })
  @Field(() => Int)
  enterprisesServed: number;

  @Column({ type: "decimal", precision: 12, scale: 2, transformer: decimalTransformer })
  @Field(() => Float)
  serviceHours: number;

  @Column({ type: "int" })
  @Field(() => Int)
  demandsCollected: number;

  @Column({ type: "int" })
  @Field(() => Int)
  demandsResolved: number;

  @Column({ type: "int" })
  satisfactionSum: number;

  @Column({ type: "int" })
  ratedDemands: number;

  @Column({ type: "int" })
  @Field(() => Int, {
    description: "Stations idle at the month's last day (docs/domain.md rule 6).",
  })
  idleStations: number;

  @Field(() => Float, { nullable: true })
  get meanSatisfaction(): number | null {
    return this.ratedDemands
      ? Math.round((this.satisfactionSum / this.ratedDemands) * 100) / 100
      : null;
  }
}
