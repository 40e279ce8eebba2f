import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { PlanStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per state change of a public-service plan. */
@Entity("plan_event")
@Index("ix_plan_event_plan", ["planId"])
@ObjectType({
  description:
    "An audit event of a public-service plan: who, when, from which status to which, why.",
})
export class PlanEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  planId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who made the change (the caller's token subject)." })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the change was made (UTC)." })
  at: Date;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => PlanStatus, { nullable: true, description: "Null for the proposal itself." })
  fromStatus: PlanStatus | null;

  @Column({ type: "varchar", length: 16 })
  @Field(() => PlanStatus)
  toStatus: PlanStatus;

  @Column({ type: "varchar", length: 1000, nullable: true })
  @Field(() => String, { nullable: true, description: "The reason or comment given." })
  comment: string | null;
}
