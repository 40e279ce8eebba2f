import { Column, Entity, Index } from "typeorm";
import { ObjectType } from "type-graphql";
import { StatusAuditEvent } from "../../shared/audit-event";
import { StoryAction, StoryStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a story, never updated or deleted. */
@Entity("story_event")
@Index("ix_story_event_story", ["storyId"])
@ObjectType({
  description:
    "A change to a case story (audit event): who, when, what, from which status to which, and why (the reviewer's comment, the reason for a retraction, what an edit changed).",
})
export class StoryEvent extends StatusAuditEvent<StoryAction, StoryStatus>(
  StoryAction,
  StoryStatus,
) {
  @Column({ type: "int" })
  storyId: number;
}
