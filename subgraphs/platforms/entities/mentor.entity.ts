import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A volunteer in a platform's mentor group (创业导师团). */
@Entity("mentor")
@Index("ix_mentor_volunteer", ["volunteerId"])
export class Mentor {
  @PrimaryColumn({ type: "int" })
  platformId: number;

  @PrimaryColumn({ type: "int" })
  volunteerId: number;

  @Column({ type: "date" })
  since: string;
}
