import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";

@Entity("transfer")
@Index("ix_transfer_volunteer", ["volunteerId"])
@ObjectType({ description: "A move between branches (关系转接)." })
export class Transfer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "int" })
  fromBranchId: number;

  @Column({ type: "int" })
  toBranchId: number;

  @Column({ type: "date", name: "transferredOn" })
  @Field(() => DateScalar, { description: "The day of the move." })
  on: string;

  @Column({ type: "varchar", length: 500 })
  @Field({ description: "Why the volunteer moved." })
  reason: string;

  @Column({ type: "varchar", length: 100 })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;
}
