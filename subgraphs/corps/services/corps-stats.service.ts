// The corps in figures: the kept counts per branch × status × expert type (over one district's
// regional branches when asked), folded into branch kinds and rolled up in pure code.
import type { DataSource } from "typeorm";
import { num } from "../../shared/db";
import type { CorpsStats } from "../types/corps-stats.types";
import { VolunteerStatus } from "../../shared/vocabulary";
import { BranchKind, ExpertType } from "../vocabulary";

export interface CorpsCell {
  expertType: string;
  status: string;
  kind: string;
  n: number;
}

/** Cells folded into expert type × status × branch kind. */
function foldCells(
  groups: ReadonlyArray<{ expertType: string; status: string; kind: string; n: unknown }>,
) {
  const cells = new Map<string, CorpsCell>();
  for (const { expertType, status, kind, n } of groups) {
    const key = JSON.stringify([expertType, status, kind]);
    const cell = cells.get(key);
    if (cell) cell.n += num(n);
    else cells.set(key, { expertType, status, kind, n: num(n) });
  }
  return [...cells.values()];
}

/**
 * Volunteers counted by expert type, status and branch kind, from the counts kept by every write
 * (volunteer_count, services/volunteer-counts.ts: at most branches × 4 statuses × 9 expert types
 * rows, a few hundred), each row's branch kind by primary key; folded into kinds here. The same
 * cells as `rawCorpsCube` (cells at 0 left out).
 */
export async function corpsCube(db: DataSource, districtCode: string | null): Promise<CorpsCell[]> {
  const query = db
    .createQueryBuilder()
    .select("c.status", "status")
    .addSelect("c.expertType", "expertType")
    .addSelect("b.kind", "kind")
    .addSelect("c.n", "n")
    .from("volunteer_count", "c")
    .leftJoin("branch", "b", "b.id = c.branchId")
    .where("c.n > 0");
  // The same rule as District.volunteerCount: a district's volunteers are its regional branches'.
  if (districtCode) query.andWhere("b.districtCode = :districtCode", { districtCode });
  return foldCells(
    await query.getRawMany<{ expertType: string; status: string; kind: string; n: unknown }>(),
  );
}

/**
 * corpsCube from the volunteers themselves (what the kept counts must equal; the tests compare):
 * grouped by branch, status and expert type, the order of ix_volunteer_branch_status_type, so it
 * counts from that index alone without a temporary table (MariaDB, `large`: 3.7 ms quiet, 9-11
 * under load, where corpsCube reads a few hundred rows); each group's branch kind is a lookup by
 * primary key (MariaDB caches the subquery's result per branch).
 */
export async function rawCorpsCube(
  db: DataSource,
  districtCode: string | null,
): Promise<CorpsCell[]> {
  const query = db
    .createQueryBuilder()
    .select("v.branchId", "branchId")
    .addSelect("v.status", "status")
    .addSelect("v.expertType", "expertType")
    // Every volunteer has a branch (createVolunteer and transfers check it).
    .addSelect("(SELECT b.kind FROM branch b WHERE b.id = v.branchId)", "kind")
    .addSelect("COUNT(*)", "n")
    .from("volunteer", "v");
  if (districtCode) {
    query.where("v.branchId IN (SELECT d.id FROM branch d WHERE d.districtCode = :districtCode)", {
      districtCode,
    });
  }
  return foldCells(
    await query
      .groupBy("v.branchId")
      .addGroupBy("v.status")
      .addGroupBy("v.expertType")
      .getRawMany<{ expertType: string; status: string; kind: string; n: unknown }>(),
  );
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
