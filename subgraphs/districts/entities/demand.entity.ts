import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { FocusGroup, ServiceCategory } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { DemandChannel, DemandStatus } from "../vocabulary";

@Entity("demand")
@Unique("uq_demand_district_external", ["districtCode", "externalId"])
@Index("ix_demand_station_status", ["stationId", "status"])
@Index("ix_demand_district_collected", ["districtCode", "collectedOn"])
// The dashboard: open demands per district, and city-wide ranges of collection dates.
@Index("ix_demand_district_status", ["districtCode", "status"])
// An enterprise signed in for itself (ENTERPRISE) reads what is under its credit code.
@Index("ix_demand_credit_code", ["creditCode"])
// Covers the city's demand cube (demandStats) over a range of collection dates, the demands an
// enterprise rated included: no row is read from the table.
@Index("ix_demand_collected_cube_rated", [
  "collectedOn",
  "category",
  "focusGroup",
  "specialised",
  "status",
  "satisfaction",
  "ratedByEnterprise",
])
// 督办: open demands past their deadline, per district.
@Index("ix_demand_district_due", ["districtCode", "dueOn"])
@ObjectType({ description: "An SME's service demand (服务需求) collected at a workstation." })
export class Demand {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "varchar", length: 64 })
  @Field()
  externalId: string;

  @Column({ type: "int", nullable: true })
  stationId: number | null;

  @Column({ type: "varchar", length: 200 })
  @Field()
  enterpriseName: string;

  @Column({ type: "varchar", length: 18 })
  creditCode: string;

  @Column({ type: "varchar", length: 32 })
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Column({ type: "varchar", length: 32, nullable: true })
  @Field(() => FocusGroup, { nullable: true })
  focusGroup: FocusGroup | null;

  @Column({ type: "boolean", default: false })
  @Field({ description: "专精特新: specialised, refined, distinctive, innovative." })
  specialised: boolean;

  @Column({ type: "text" })
  @Field()
  description: string;

  @Column({ type: "varchar", length: 32, default: DemandStatus.OPEN })
  @Field(() => DemandStatus)
  status: DemandStatus;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "The date the demand was collected." })
  collectedOn: string;

  @Column({ type: "int", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: "The enterprise's satisfaction, 1-5, once resolved.",
  })
  satisfaction: number | null;

  @Column({ type: "varchar", length: 16, default: DemandChannel.STATION })
  @Field(() => DemandChannel, {
    description: "How it came in: collected at a station, or submitted online by the enterprise.",
  })
  channel: DemandChannel;

  @Column({ type: "date", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The deadline of the step it waits on (working days, China's calendar): answered within 3 of collection, service started within 5 of the match, resolved or closed within 20 of the start (defaults; configurable per category). Null once RESOLVED or CLOSED.",
  })
  dueOn: string | null;

  /** Steps with a deadline it finished, and of those the ones finished past it (on-time rate). */
  @Column({ type: "int", default: 0 })
  stepsDone: number;

  @Column({ type: "int", default: 0 })
  stepsLate: number;

  /** When the 督办 event was written: the first time it was seen overdue (once). */
  @Column({ type: "datetime", nullable: true })
  escalatedAt: Date | null;

  @Column({ type: "boolean", default: false })
  @Field({
    description:
      "True when the satisfaction is the enterprise's own rating (rateDemand); its district can no longer set it.",
  })
  ratedByEnterprise: boolean;

  @UpdateDateColumn({ type: "datetime" })
  updatedAt: Date;
}
