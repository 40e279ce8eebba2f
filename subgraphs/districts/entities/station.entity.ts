import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { StationHostType, StationStatus } from "../vocabulary";

@Entity("station")
@Unique("uq_station_district_external", ["districtCode", "externalId"])
@Index("ix_station_district_status", ["districtCode", "status"])
@Index("ix_station_idle", ["districtCode", "status", "lastDemandOn", "filedAt"])
@ObjectType({
  description:
    "A volunteer service workstation (志愿服务工作站) collected and filed by its district.",
})
@Directive('@key(fields: "id")')
export class Station {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "varchar", length: 64 })
  @Field({ description: "The district agency's own identifier; (district, externalId) is unique." })
  externalId: string;

  @Column({ type: "varchar", length: 200 })
  @Field()
  name: string;

  @Column({ type: "varchar", length: 32 })
  @Field(() => StationHostType)
  hostType: StationHostType;

  @Column({ type: "varchar", length: 32, default: StationStatus.SUBMITTED })
  @Field(() => StationStatus)
  status: StationStatus;

  @Column({ type: "simple-array" })
  @Field(() => [ServiceCategory], { description: "Service categories the station offers." })
  categories: ServiceCategory[];

  @Column({ type: "varchar", length: 300 })
  @Field()
  address: string;

  /** Personal data: exposed only through StationResolver, which masks it for other districts. */
  @Column({ type: "varchar", length: 60, nullable: true })
  contactName: string | null;

  /** Personal data: exposed only through StationResolver, which masks it for other districts. */
  @Column({ type: "varchar", length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Venue available for activities (场地)." })
  venue: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Equipment available (设备)." })
  equipment: string | null;

  @Column({ type: "boolean", default: false })
  @Field({ description: "Recommended by its district for demonstration-platform status." })
  recommended: boolean;

  @Column({ type: "datetime", nullable: true })
  @Field(() => Date, { nullable: true, description: "When the station was last filed (备案)." })
  filedAt: Date | null;

  /** The latest date a demand was collected here, kept by services/rollups.ts (idle rule 6). */
  @Column({ type: "date", nullable: true })
  lastDemandOn: string | null;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date)
  createdAt: Date;

  @UpdateDateColumn({ type: "datetime" })
  updatedAt: Date;
}
