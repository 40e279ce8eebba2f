import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { VolunteerStatus } from "../../shared/vocabulary";

/** docs/domain.md rule 8: one row per status change of a volunteer, never updated or deleted. */
@Entity("volunteer_event")
@Index("ix_volunteer_event_volunteer", ["volunteerId"])
@ObjectType({
  description:
    "A status change of a volunteer (audit event): who, when, from which status to which, and why.",
})
export class VolunteerEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who made the change (the caller's token subject)." })
  actor: string;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the change was made (UTC)." })
  at: Date;

  @Column({ type: "varchar", length: 16, nullable: true })
  @Field(() => VolunteerStatus, {
    nullable: true,
    description: "The status before; null for the registration itself.",
  })
  fromStatus: VolunteerStatus | null;

  @Column({ type: "varchar", length: 16 })
  @Field(() => VolunteerStatus, { description: "The status after the change." })
  toStatus: VolunteerStatus;

  @Column({ type: "varchar", length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Why: the reason given, or what the change issued (e.g. the letter number).",
  })
  comment: string | null;
}
