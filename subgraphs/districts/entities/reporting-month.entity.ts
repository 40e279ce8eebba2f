import { Column, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

/**
 * One revision of a closed reporting month (docs/reports.md): a frozen set of per-station figures.
 * (month, revision) is unique, so two processes closing the same month at once store one revision.
 */
@Entity("reporting_month")
@Unique("uq_reporting_month_revision", ["month", "revision"])
@ObjectType({
  description: "A closed reporting month (信息报送), one revision of it: its figures never change.",
})
export class ReportingMonth {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 7 })
  @Field({ description: "YYYY-MM (Shenzhen time)." })
  month: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "1 at the first close; one more each time its figures moved." })
  revision: number;

  /** To the microsecond on MySQL: the audit events after it are the next revision's causes. */
  @Column({ type: "datetime", precision: 6 })
  @Field(() => Date, { description: "When this revision was made (UTC)." })
  closedAt: Date;

  @Column({ type: "varchar", length: 100 })
  @Field({ description: "Who closed it: a token subject, or system:monthly-close." })
  closedBy: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Stations reported: those FILED at any time in the month." })
  stationCount: number;
}
