import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { ReferenceKind } from "../vocabulary";

/** What a story is about: an entity of another subgraph, by kind and id. */
@Entity("story_reference")
@Unique("uq_story_reference", ["storyId", "kind", "refId"])
@Index("ix_story_reference_target", ["kind", "refId"])
export class StoryReference {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  storyId: number;

  @Column({ type: "varchar", length: 16 })
  kind: ReferenceKind;

  @Column({ type: "int" })
  refId: number;
}
