import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { FocusGroup, ServiceCategory } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { DemandStatus } from "../vocabulary";

@Entity("demand")
@Unique("uq_demand_district_external", ["districtCode", "externalId"])
@Index("ix_demand_station_status", ["stationId", "status"])
@Index("ix_demand_district_collected", ["districtCode", "collectedOn"])
// The dashboard: open demands per district, and city-wide ranges of collection dates.
@Index("ix_demand_district_status", ["districtCode", "status"])
// An enterprise signed in for itself (ENTERPRISE) reads what is under its credit code.
@Index("ix_demand_credit_code", ["creditCode"])
// Covers the city's demand cube (demandStats) over a range of collection dates.
@Index("ix_demand_collected_cube", [
  "collectedOn",
  "category",
  "focusGroup",
  "specialised",
  "status",
  "satisfaction",
])
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

  @Column({ type: "int" })
  stationId: number;

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

  @UpdateDateColumn({ type: "datetime" })
  updatedAt: Date;
}
