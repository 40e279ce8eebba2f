import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";

@Entity("commendation")
@Index("ix_commendation_volunteer", ["volunteerId"])
@ObjectType({ description: "A commendation (褒奖) awarded to a volunteer." })
export class Commendation {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "The honour, e.g. 优秀专家志愿者." })
  title: string;

  @Column({ type: "date" })
  @Field(() => DateScalar, { description: "The day it was awarded." })
  awardedOn: string;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "Who awarded it, e.g. 深圳市中小企业服务局." })
  awardedBy: string;

  @Column({ type: "varchar", length: 100 })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
