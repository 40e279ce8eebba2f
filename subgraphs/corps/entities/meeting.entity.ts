import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { MeetingStatus } from "../vocabulary";

/**
 * A scheduled video meeting (视频会议) of volunteers and entrepreneurs on a common problem, hosted
 * by an expert; enterprises sign up until it is full or has started.
 */
@Entity("meeting")
@Index("ix_meeting_starts", ["startsAt"])
@Index("ix_meeting_district_starts", ["districtCode", "startsAt"])
@ObjectType({ description: "A scheduled video meeting (视频会议) hosted by an expert volunteer." })
export class Meeting {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 100 })
  @Field()
  title: string;

  @Column({ type: "varchar", length: 32 })
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "datetime" })
  @Field(() => Date, { description: "When it starts (UTC)." })
  startsAt: Date;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Planned length in minutes." })
  durationMinutes: number;

  /** The join link: given to those who sign up and to signed-in callers. */
  @Column({ type: "varchar", length: 500 })
  url: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "How many enterprises can sign up." })
  capacity: number;

  @Column({ type: "int", default: 0 })
  @Field(() => Int, { description: "How many have signed up." })
  signUpCount: number;

  @Column({ type: "varchar", length: 6, nullable: true })
  districtCode: string | null;

  @Column({ type: "varchar", length: 16, default: MeetingStatus.SCHEDULED })
  @Field(() => MeetingStatus)
  status: MeetingStatus;

  @Column({ type: "varchar", length: 100 })
  scheduledBy: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was cancelled, if it was." })
  cancelledReason: string | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  cancelledBy: string | null;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
