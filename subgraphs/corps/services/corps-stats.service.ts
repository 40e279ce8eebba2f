// The corps in figures: one GROUP BY expert type × status (over one district's regional branches
// when asked), rolled up in pure code.
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import type { CorpsStats } from "../types/corps-stats.types";
import { VolunteerStatus } from "../../shared/vocabulary";
import { ExpertType } from "../vocabulary";

export interface CorpsCell {
  expertType: string;
  status: string;
  n: unknown;
}

export async function corpsCube(db: DataSource, districtCode: string | null): Promise<CorpsCell[]> {
  const query = db
    .createQueryBuilder()
    .select("v.expertType", "expertType")
    .addSelect("v.status", "status")
    .addSelect("COUNT(*)", "n")
    .from("volunteer", "v");
  // The same rule as District.volunteerCount: a district's volunteers are its regional branches'.
  if (districtCode) {
    query
      .innerJoin("branch", "b", "b.id = v.branchId")
      .where("b.districtCode = :districtCode", { districtCode });
  }
  return query.groupBy("v.expertType").addGroupBy("v.status").getRawMany();
}

export function rollUpCorps(cells: CorpsCell[]): CorpsStats {
  const types = new Map(Object.values(ExpertType).map((t) => [t, { count: 0, appointed: 0 }]));
  const statuses = new Map(Object.values(VolunteerStatus).map((s) => [s, 0]));
  for (const cell of cells) {
    const n = num(cell.n);
    const status = cell.status as VolunteerStatus;
    statuses.set(status, (statuses.get(status) ?? 0) + n);
    const type = types.get(cell.expertType as ExpertType);
    if (!type || status === VolunteerStatus.WITHDRAWN) continue;
    type.count += n;
    if (status === VolunteerStatus.APPOINTED) type.appointed += n;
  }
  const byExpertType = [...types].map(([expertType, t]) => ({ expertType, ...t }));
  return {
    volunteers: byExpertType.reduce((sum, t) => sum + t.count, 0),
    appointed: statuses.get(VolunteerStatus.APPOINTED) ?? 0,
    byExpertType,
    byStatus: [...statuses].map(([status, count]) => ({ status, count })),
  };
}
