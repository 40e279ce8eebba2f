import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { PlatformKind, PlatformLevel, PlatformStatus } from "../vocabulary";

@Entity("platform")
@Index("ix_platform_district_status", ["districtCode", "status"])
@Index("uq_platform_live_source", ["liveSourceStationId"], { unique: true })
@Index("uq_platform_live_name", ["liveNameKey"], { unique: true })
@ObjectType({
  description: "A demonstration platform (示范平台) or startup base certified by the city.",
})
@Directive('@key(fields: "id")')
export class Platform {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 200 })
  @Field()
  name: string;

  @Column({ type: "varchar", length: 32 })
  @Field(() => PlatformKind)
  kind: PlatformKind;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "The organisation that operates the platform." })
  operatorName: string;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "int", nullable: true })
  sourceStationId: number | null;

  @Column({ type: "varchar", length: 16, default: PlatformStatus.APPLIED })
  @Field(() => PlatformStatus)
  status: PlatformStatus;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => PlatformLevel, {
    nullable: true,
    description: "The level of the certification; null until certified.",
  })
  level: PlatformLevel | null;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "When the (latest) application was made (Shenzhen)." })
  appliedOn: string;

  @Column({ type: "date", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "The date of the certification (Shenzhen); null until certified.",
  })
  certifiedOn: string | null;

  @Column({ type: "varchar", length: 1000, nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The district's comment when it recommended its station for platform status; null for a direct application.",
  })
  recommendation: string | null;

  /**
   * sourceStationId while the platform is live (APPLIED or CERTIFIED), else null; unique, so one
   * station grows into one live platform however requests interleave (services/live-keys.ts).
   */
  @Column({ type: "int", nullable: true })
  liveSourceStationId: number | null;

  /**
   * The district and the name as the rule compares them (a hash) while the platform is live, else
   * null; unique, so a district has one live platform of a name (services/live-keys.ts).
   */
  @Column({ type: "varchar", length: 64, nullable: true })
  liveNameKey: string | null;

  /** Bumped by every write: an update conditional on it fails when someone wrote in between. */
  @Column({ type: "int", default: 0 })
  version: number;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
