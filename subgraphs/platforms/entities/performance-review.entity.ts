import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { PerformanceGrade } from "../vocabulary";

/** One performance review per platform and year: a second one for the same year is a CONFLICT. */
@Entity("performance_review")
@Unique("uq_performance_review_platform_period", ["platformId", "period"])
@ObjectType({ description: "A yearly performance review (绩效考评) of a platform by the city." })
export class PerformanceReview {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  platformId: number;

  @Column({ type: "varchar", length: 4 })
  @Field({ description: "The year reviewed, e.g. 2025." })
  period: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "The score, 0 to 100." })
  score: number;

  @Column({ type: "varchar", length: 16 })
  @Field(() => PerformanceGrade, { description: "The grade, derived from the score." })
  grade: PerformanceGrade;

  @Column({ type: "varchar", length: 1000, nullable: true })
  @Field(() => String, { nullable: true, description: "The reviewers' remarks." })
  comment: string | null;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who recorded it (the caller's token subject)." })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When it was recorded (UTC)." })
  reviewedAt: Date;
}
