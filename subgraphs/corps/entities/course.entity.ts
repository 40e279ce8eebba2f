import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { CourseStatus } from "../vocabulary";

/** A micro-video course (微视频课程) given by an expert volunteer; public while ACTIVE. */
@Entity("course")
@Index("ix_course_status_district", ["status", "districtCode"])
@Index("ix_course_volunteer", ["volunteerId"])
@ObjectType({ description: "A micro-video course (微视频课程) by an expert volunteer." })
export class Course {
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

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "Where the video is (http or https)." })
  url: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Length of the video in minutes." })
  durationMinutes: number;

  @Column({ type: "varchar", length: 6, nullable: true })
  districtCode: string | null;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "The day it was published (Shenzhen date)." })
  publishedOn: string;

  @Column({ type: "varchar", length: 16, default: CourseStatus.ACTIVE })
  @Field(() => CourseStatus)
  status: CourseStatus;

  @Column({ type: "varchar", length: 100 })
  publishedBy: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Why it was withdrawn, if it was." })
  withdrawnReason: string | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  withdrawnBy: string | null;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
