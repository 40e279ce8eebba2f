import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { decimalTransformer } from "../../shared/db";

/** The raw service record: one volunteer's hours at one activity (verified against corps). */
@Entity("participation")
@Unique("uq_participation_activity_volunteer", ["activityId", "volunteerId"])
@Index("ix_participation_volunteer", ["volunteerId"])
// Service hours summed from the index alone, by activity (the dashboard's hours and trend).
@Index("ix_participation_activity_hours", ["activityId", "verified", "hours"])
export class Participation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "int" })
  activityId: number;

  @Column({ type: "int" })
  volunteerId: number;

  @Column({ type: "decimal", precision: 6, scale: 2, transformer: decimalTransformer })
  hours: number;

  /** Set when corps confirmed the volunteer was appointed under a valid agreement on heldOn. */
  @Column({ type: "boolean", default: true })
  verified: boolean;
}
