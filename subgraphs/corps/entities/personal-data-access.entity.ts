import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Authorized, Field, ID, ObjectType } from "type-graphql";
import { PersonalDataAccessKind, PersonalDataField } from "../vocabulary";

/**
 * One showing of a volunteer's unmasked phone or ID number (docs/self-service.md): appended by
 * the masking resolvers and exports, never updated, purged after ACCESS_LOG_RETENTION_DAYS (at
 * least 180, the Cybersecurity Law's log retention).
 */
@Entity("personal_data_access")
@Index("ix_personal_data_access_volunteer", ["volunteerId", "id"])
@Index("ix_personal_data_access_at", ["at"])
@ObjectType({
  description:
    "Who saw a volunteer's unmasked phone or ID number: when, in which role, which field, in which request.",
})
export class PersonalDataAccess {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Column({ type: "int" })
  @Field(() => ID, { description: "The volunteer whose data was shown." })
  volunteerId: number;

  @Column({ type: "varchar", length: 16 })
  @Field(() => PersonalDataField)
  field: PersonalDataField;

  @Column({ type: "varchar", length: 16, default: PersonalDataAccessKind.READ })
  @Field(() => PersonalDataAccessKind)
  kind: PersonalDataAccessKind;

  @Column({ type: "varchar", length: 100 })
  @Authorized("CITY_ADMIN")
  @Field({ description: "Who saw it: the caller's token subject (CITY_ADMIN only)." })
  actor: string;

  @Column({ type: "varchar", length: 32 })
  @Field({ description: "The role it was seen in." })
  actorRole: string;

  @Column({ type: "datetime" })
  @Field(() => Date, { description: "When (UTC)." })
  at: Date;

  @Column({ type: "varchar", length: 64, nullable: true })
  @Authorized("CITY_ADMIN")
  @Field(() => String, {
    nullable: true,
    description: "The request that showed it (x-request-id; CITY_ADMIN only).",
  })
  requestId: string | null;
}
