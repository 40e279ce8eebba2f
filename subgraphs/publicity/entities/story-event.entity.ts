import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { StoryAction, StoryStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a story, never updated or deleted. */
@Entity("story_event")
@Index("ix_story_event_story", ["storyId"])
@ObjectType({
  description:
    "A change to a case story (audit event): who, when, what, from which status to which, and why.",
})
export class StoryEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  storyId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who made the change (the caller's token subject)." })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the change was made (UTC)." })
  at: Date;

  @Column({ type: "varchar", length: 20 })
  @Field(() => StoryAction, { description: "What the change did." })
  action: StoryAction;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => StoryStatus, {
    nullable: true,
    description: "The status before; null for the drafting itself.",
  })
  fromStatus: StoryStatus | null;

  @Column({ type: "varchar", length: 16 })
  @Field(() => StoryStatus, { description: "The status after (the same for edits and coverage)." })
  toStatus: StoryStatus;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "Why: the reviewer's comment when returned, the reason when retracted, what an edit changed.",
  })
  comment: string | null;
}
