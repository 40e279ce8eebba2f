import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { StationStatus } from "../vocabulary";

@Entity("station_event")
@Index("ix_station_event_station", ["stationId"])
@ObjectType({ description: "An audit event: a station's state change, who made it, when and why." })
export class StationEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  stationId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who made the change (the token's subject)." })
  actor: string;

  @Column({ type: "varchar", length: 32, nullable: true })
  @Field(() => StationStatus, {
    nullable: true,
    description: "Null when the station was first submitted.",
  })
  fromStatus: StationStatus | null;

  @Column({ type: "varchar", length: 32 })
  @Field(() => StationStatus)
  toStatus: StationStatus;

  @Column({ type: "varchar", length: 1000, nullable: true })
  @Field(() => String, { nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date)
  at: Date;
}
