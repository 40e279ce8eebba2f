import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { StoryStatus } from "../vocabulary";

@Entity("case_story")
@Index("ix_story_status_district", ["status", "districtCode"])
@Index("ix_story_status_published", ["status", "publishedAt"])
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
  @Field({ description: "Headline, up to 200 characters." })
  title: string;

  @Column({ type: "varchar", length: 1000 })
  @Field({ description: "A paragraph for lists and feeds, up to 1000 characters." })
  summary: string;

  @Column({ type: "text" })
  @Field({ description: "The story's full text (plain text, paragraphs separated by newlines)." })
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
  @Field(() => Date, {
    nullable: true,
    description: "When it was published (UTC); kept after a retraction.",
  })
  publishedAt: Date | null;

  /** The editor who drafted it (token subject); with those who edited it, not its publisher. */
  @Column({ type: "varchar", length: 100 })
  createdBy: string;

  @Column({ type: "int", default: 1 })
  @Field(() => Int, {
    description:
      "Grows by one with every change; pass it as expectedVersion to refuse a change when someone else changed the story since you read it.",
  })
  version: number;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When it was drafted (UTC)." })
  createdAt: Date;

  @UpdateDateColumn({ type: "datetime" })
  @Field(() => Date, {
    description: "When it last changed (UTC): an edit, a transition, coverage.",
  })
  updatedAt: Date;
}
