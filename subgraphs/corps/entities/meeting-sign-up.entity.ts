import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";

/** An enterprise's sign-up for a video meeting; its contact is personal data. */
@Entity("meeting_sign_up")
@Unique("uq_meeting_sign_up_phone", ["meetingId", "contactPhone"])
@ObjectType({ description: "An enterprise signed up for a video meeting." })
export class MeetingSignUp {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  meetingId: number;

  @Column({ type: "varchar", length: 200 })
  @Field()
  enterpriseName: string;

  /** Personal data: exposed only through the masking resolver. */
  @Column({ type: "varchar", length: 60 })
  contactName: string;

  /** Personal data: exposed only through the masking resolver. */
  @Column({ type: "varchar", length: 11 })
  contactPhone: string;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the enterprise signed up (UTC)." })
  createdAt: Date;
}
