import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { StoryStatus } from "../vocabulary";

@Entity("case_story")
@Index("ix_story_status_district", ["status", "districtCode"])
@ObjectType({
  description:
    "A typical case story (典型案例) about volunteers, stations, platforms and activities.",
})
@Directive('@key(fields: "id")')
export class CaseStory {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "varchar", length: 200 })
  @Field()
  title: string;

  @Column({ type: "varchar", length: 1000 })
  @Field()
  summary: string;

  @Column({ type: "text" })
  @Field()
  body: string;

  @Column({ type: "simple-array" })
  @Field(() => [ServiceCategory])
  categories: ServiceCategory[];

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "varchar", length: 16, default: StoryStatus.DRAFT })
  @Field(() => StoryStatus)
  status: StoryStatus;

  @Column({ type: "datetime", nullable: true })
  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Column({ type: "varchar", length: 100 })
  createdBy: string;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;

  @UpdateDateColumn({ type: "datetime" })
  updatedAt: Date;
}
