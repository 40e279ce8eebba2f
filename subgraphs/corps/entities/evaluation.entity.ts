import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { EvaluationGrade } from "../vocabulary";

/** One evaluation per volunteer and period: a second one for the same period is a CONFLICT. */
@Entity("evaluation")
@Unique("uq_evaluation_volunteer_period", ["volunteerId", "period"])
@ObjectType({ description: "A periodic evaluation (考评) of a volunteer." })
export class Evaluation {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "varchar", length: 7 })
  @Field({
    description: "The period evaluated: a year (2025), a half (2025-H1) or a quarter (2025-Q3).",
  })
  period: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "The score, 0 to 100." })
  score: number;

  @Column({ type: "varchar", length: 16 })
  @Field(() => EvaluationGrade, { description: "The grade, derived from the score." })
  grade: EvaluationGrade;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "The evaluator's remarks." })
  comment: string | null;

  @Column({ type: "varchar", length: 100 })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
