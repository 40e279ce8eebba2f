import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { decimalTransformer } from "../../shared/db";
import { DateScalar } from "../../shared/scalars";
import { ActivityType } from "../vocabulary";

@Entity("activity")
@Unique("uq_activity_district_external", ["districtCode", "externalId"])
// Covering the dashboard's per-district and monthly counts (enterprisesServed summed from the index).
@Index("ix_activity_district_held_served", ["districtCode", "heldOn", "enterprisesServed"])
@Index("ix_activity_station", ["stationId"])
// The dashboard: city-wide ranges of activity dates (the trend, service by category).
@Index("ix_activity_held_served", ["heldOn", "enterprisesServed"])
@ObjectType({
  description: "A volunteer service activity (志愿服务活动), held at a station or online.",
})
@Directive('@key(fields: "id")')
export class Activity {
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

  @Column({ type: "varchar", length: 32 })
  @Field(() => ActivityType)
  type: ActivityType;

  @Column({ type: "varchar", length: 32 })
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Column({ type: "varchar", length: 200 })
  @Field()
  title: string;

  @Column({ type: "date" })
  @Field(() => DateScalar)
  heldOn: string;

  @Column({ type: "decimal", precision: 10, scale: 2, default: 0, transformer: decimalTransformer })
  feeCharged: number;

  @Column({ type: "int", default: 0 })
  @Field(() => Int, { description: "How many enterprises the activity served." })
  enterprisesServed: number;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;

  @Field({ description: "True when the activity was held online (no station)." })
  get online(): boolean {
    return this.stationId === null;
  }
}
