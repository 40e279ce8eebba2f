import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { AuditEvent } from "../../shared/audit-event";
import { decimalTransformer } from "../../shared/db";
import { AnnualReportAction } from "../vocabulary";

/** One revision of a closed platforms' year (docs/reports.md); (year, revision) is unique. */
@Entity("platform_year")
@Unique("uq_platform_year_revision", ["year", "revision"])
@ObjectType({ description: "A closed year of the platforms' annual report, one revision of it." })
export class PlatformYear {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  @Field(() => Int)
  year: number;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;

  @Column({ type: "datetime", precision: 6 })
  @Field(() => Date)
  closedAt: Date;

  @Column({ type: "varchar", length: 100 })
  @Field()
  closedBy: string;

  @Column({ type: "int" })
  @Field(() => Int)
  platformCount: number;
}

/** A certified platform's year, in one revision; written once. */
@Entity("platform_annual_report")
@Unique("uq_platform_annual_report", ["year", "revision", "platformId"])
@ObjectType({ description: "A certified platform's year (annual report), in one revision." })
export class PlatformAnnualReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  @Field(() => Int)
  year: number;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;

  @Column({ type: "int" })
  platformId: number;

  @Column({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Mentors in its group at the year's end (or at the close)." })
  mentorCount: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "APPOINTED mentors its kind needs (docs/domain.md rule 5)." })
  mentorMinimum: number;

  @Column({ type: "boolean", nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether enough APPOINTED mentors were in the group from the year's start (or the certification) on; null when corps did not answer.",
  })
  mentorMinimumMetAllYear: boolean | null;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Public-service plans of the year's periods FILED (备案)." })
  plansFiled: number;

  @Column({ type: "int" })
  @Field(() => Int, {
    description:
      "Of those, plans carried out: an activity of the plan's category was held at the source station within its period.",
  })
  plansCarriedOut: number;

  @Column({ type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "The year's performance review score (0-100)." })
  reviewScore: number | null;

  @Column({ type: "int", nullable: true })
  sourceStationId: number | null;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Activities held at its source station in the year." })
  activities: number;

  @Column({ type: "int" })
  @Field(() => Int)
  enterprisesServed: number;

  @Column({ type: "decimal", precision: 10, scale: 2, transformer: decimalTransformer })
  @Field(() => Float, { description: "Verified service hours at its source station." })
  serviceHours: number;

  @Column({ type: "simple-json" })
  @Field(() => [String], {
    description:
      'Figures that moved since the previous revision, "figure: before → after" (empty in revision 1 and for platforms that did not move).',
  })
  moved: string[];
}

/** docs/domain.md rule 8: one row per revision of a platforms' year. */
@Entity("platform_year_event")
@Index("ix_platform_year_event_year", ["year", "revision"])
@ObjectType({ description: "An audit event: a platforms' year closed or revised." })
export class PlatformYearEvent extends AuditEvent<AnnualReportAction>(AnnualReportAction) {
  @Column({ type: "int" })
  @Field(() => Int)
  year: number;

  @Column({ type: "int" })
  @Field(() => Int)
  revision: number;
}
