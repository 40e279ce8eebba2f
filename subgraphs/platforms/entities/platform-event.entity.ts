import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { PlatformAction, PlatformStatus } from "../vocabulary";

/** docs/domain.md rule 8: one row per change of a platform, never updated or deleted. */
@Entity("platform_event")
@Index("ix_platform_event_platform", ["platformId"])
@ObjectType({
  description:
    "An audit event of a platform: who did what, when, from which status to which, and why.",
})
export class PlatformEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  platformId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who made the change (the caller's token subject)." })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the change was made (UTC)." })
  at: Date;

  @Column({ type: "varchar", length: 16 })
  @Field(() => PlatformAction, { description: "What was done." })
  action: PlatformAction;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => PlatformStatus, {
    nullable: true,
    description: "The status before; null for the application that created the platform.",
  })
  fromStatus: PlatformStatus | null;

  @Column({ type: "varchar", length: 16 })
  @Field(() => PlatformStatus, {
    description: "The status after (the same when only details changed).",
  })
  toStatus: PlatformStatus;

  @Column({ type: "varchar", length: 1000, nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "Why, or what changed: the reason given, the level and date, the mentors added and removed.",
  })
  comment: string | null;
}
