// The corps' figures kept as counts (docs/performance.md "Corps counts"): volunteers per branch ×
// status × expert type, maintained in the same transaction as every write that changes one of
// those columns (services/volunteer-counts.ts), never read by GraphQL.
import { Column, Entity, PrimaryColumn } from "typeorm";

/** Volunteers of one branch in one status and of one expert type (rows at 0 stay). */
@Entity("volunteer_count")
export class VolunteerCount {
  @PrimaryColumn({ type: "int" })
  branchId: number;

  @PrimaryColumn({ type: "varchar", length: 16 })
  status: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  expertType: string;

  @Column({ type: "int", default: 0 })
  n: number;
}
