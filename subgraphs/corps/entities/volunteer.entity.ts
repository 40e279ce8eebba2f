import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ServiceCategory, VolunteerStatus } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { AgreementForm, ExpertType } from "../vocabulary";

@Entity("volunteer")
// Counts by branch, status and expert type from the index alone (rebuildVolunteerCounts, and the
// tests' rawCorpsCube); its (branchId, status) prefix serves branch lookups.
@Index("ix_volunteer_branch_status_type", ["branchId", "status", "expertType"])
// The public expert directory: listed volunteers by status.
@Index("ix_volunteer_listed_status", ["listedInDirectory", "status"])
@ObjectType({ description: "An expert volunteer (专家志愿者) of the municipal corps." })
@Directive('@key(fields: "id")')
export class Volunteer {
  @PrimaryGeneratedColumn()
  @Field(() => ID, { description: "The volunteer's id." })
  id: number;

  @Column({ type: "varchar", length: 60 })
  @Field({ description: "Full name." })
  name: string;

  @Column({ type: "varchar", length: 32 })
  @Field(() => ExpertType, { description: "The kind of expert." })
  expertType: ExpertType;

  @Column({ type: "simple-array" })
  @Field(() => [ServiceCategory], { description: "Categories of expertise." })
  categories: ServiceCategory[];

  @Column({ type: "varchar", length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: "Employer (工作单位), if any." })
  employer: string | null;

  @Column({ type: "boolean", default: false })
  @Field({ description: "Retired (退休) rather than serving in post." })
  retired: boolean;

  @Column({ type: "varchar", length: 16, default: VolunteerStatus.APPLIED })
  @Field(() => VolunteerStatus, {
    description: "Where the volunteer is in the lifecycle; see history for how it got there.",
  })
  status: VolunteerStatus;

  /** Personal data: exposed only through the masking resolver. */
  @Column({ type: "varchar", length: 11 })
  contactPhone: string;

  /** Personal data: exposed only through the masking resolver. */
  @Column({ type: "varchar", length: 18, unique: true })
  idNumber: string;

  @Column({ type: "int" })
  branchId: number;

  /**
   * The identity provider's subject (`sub`) of the person who applied for itself (applyToCorps):
   * one volunteer per identity; once appointed, that identity signs in as this VOLUNTEER.
   */
  @Column({ type: "varchar", length: 100, nullable: true, unique: true })
  identitySubject: string | null;

  @Column({ type: "varchar", length: 32, nullable: true, unique: true })
  @Field(() => String, {
    nullable: true,
    description: "The appointment letter's number (聘书编号).",
  })
  letterNumber: string | null;

  @Column({ type: "date", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "The day of appointment (the date on the letter).",
  })
  appointedOn: string | null;

  @Column({ type: "varchar", length: 16, nullable: true })
  agreementForm: AgreementForm | null;

  @Column({ type: "int", nullable: true })
  agreementHours: number | null;

  @Column({ type: "date", nullable: true })
  agreementFrom: string | null;

  @Column({ type: "date", nullable: true })
  agreementTo: string | null;

  @Column({ type: "boolean", default: false })
  @Field({
    description:
      "Opted in to the public expert directory (义诊专栏): shown there while APPOINTED under a valid agreement, and bookable by enterprises.",
  })
  listedInDirectory: boolean;

  @Column({ type: "varchar", length: 300, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "A short public profile for the directory (what the expert helps with).",
  })
  profile: string | null;

  @CreateDateColumn({ type: "datetime" })
  createdAt: Date;

  @UpdateDateColumn({ type: "datetime" })
  updatedAt: Date;
}
