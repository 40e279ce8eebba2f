import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { PlanStatus } from "../vocabulary";

/** A public-service plan (公益服务计划) a platform proposes and the city files or rejects. */
@Entity("service_plan")
@Index("ix_service_plan_platform", ["platformId", "period"])
@Index("ix_service_plan_category_period", ["category", "period"])
@ObjectType({
  description:
    "A public-service plan (公益服务计划) of a platform: proposed by an enterprise or organisation, filed or rejected by the city.",
})
export class ServicePlan {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  platformId: number;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "What the plan offers." })
  title: string;

  @Column({ type: "varchar", length: 16 })
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Column({ type: "varchar", length: 7 })
  @Field({
    description: "The period it covers: a year (2026), a half (2026-H1) or a quarter (2026-Q3).",
  })
  period: string;

  @Column({ type: "varchar", length: 200 })
  @Field({ description: "The enterprise or organisation that proposes it." })
  proposer: string;

  @Column({ type: "varchar", length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: "What will be done, for whom, how often." })
  description: string | null;

  @Column({ type: "varchar", length: 16, default: PlanStatus.PROPOSED })
  @Field(() => PlanStatus)
  status: PlanStatus;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When it was proposed (UTC)." })
  createdAt: Date;
}
