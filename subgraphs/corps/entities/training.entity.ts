import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { decimalTransformer } from "../../shared/db";
import { DateScalar } from "../../shared/scalars";

@Entity("training")
@Index("ix_training_volunteer", ["volunteerId"])
@ObjectType({ description: "A training (培训) a volunteer completed." })
export class Training {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "What the training was, e.g. 中小企业政策解读培训." })
  title: string;

  @Column({ type: "varchar", length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: "Who gave the training." })
  provider: string | null;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "The day the training was completed." })
  completedOn: string;

  @Column({ type: "decimal", precision: 6, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: "Training hours." })
  hours: number;

  @Column({ type: "varchar", length: 100 })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
