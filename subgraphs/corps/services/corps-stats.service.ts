// The corps in figures: one GROUP BY expert type × status × branch kind (over one district's
// regional branches when asked), rolled up in pure code.
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import type { CorpsStats } from "../types/corps-stats.types";
import { VolunteerStatus } from "../../shared/vocabulary";
import { BranchKind, ExpertType } from "../vocabulary";

export interface CorpsCell {
  expertType: string;
  status: string;
  kind: string;
  n: unknown;
}

export async function corpsCube(db: DataSource, districtCode: string | null): Promise<CorpsCell[]> {
  const query = db
    .createQueryBuilder()
    .select("v.expertType", "expertType")
    .addSelect("v.status", "status")
    .addSelect("b.kind", "kind")
    .addSelect("COUNT(*)", "n")
    .from("volunteer", "v")
    // Every volunteer has a branch (createVolunteer and transfers check it).
    .innerJoin("branch", "b", "b.id = v.branchId");
  // The same rule as District.volunteerCount: a district's volunteers are its regional branches'.
  if (districtCode) query.where("b.districtCode = :districtCode", { districtCode });
  return query.groupBy("v.expertType").addGroupBy("v.status").addGroupBy("b.kind").getRawMany();
}

/** Zeroed counts for every value of a vocabulary. */
const tally = <K extends string>(keys: K[]) =>
  new Map(keys.map((k) => [k, { count: 0, appointed: 0 }]));

export function rollUpCorps(cells: CorpsCell[]): CorpsStats {
  const types = tally(Object.values(ExpertType));
  const kinds = tally(Object.values(BranchKind));
  const statuses = new Map(Object.values(VolunteerStatus).map((s) => [s, 0]));
  for (const cell of cells) {
    const n = num(cell.n);
    const status = cell.status as VolunteerStatus;
    statuses.set(status, (statuses.get(status) ?? 0) + n);
    if (status === VolunteerStatus.WITHDRAWN) continue;
    for (const t of [
      types.get(cell.expertType as ExpertType),
      kinds.get(cell.kind as BranchKind),
    ]) {
      if (!t) continue;
      t.count += n;
      if (status === VolunteerStatus.APPOINTED) t.appointed += n;
    }
  }
  const byExpertType = [...types].map(([expertType, t]) => ({ expertType, ...t }));
  return {
    volunteers: byExpertType.reduce((sum, t) => sum + t.count, 0),
    appointed: statuses.get(VolunteerStatus.APPOINTED) ?? 0,
    byExpertType,
    byStatus: [...statuses].map(([status, count]) => ({ status, count })),
    byBranchKind: [...kinds].map(([kind, t]) => ({ kind, ...t })),
  };
}
