// The list of platforms, oldest first (keyset on the id), filtered by district, kind, status and
// whether the mentor requirement is met. Signed-in callers only (the root query), so every status
// is listed; platforms below their mentor minimum are listed and flagged, never left out.
import type { DataSource } from "typeorm";
import { In } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { Platform } from "../entities/platform.entity";
import type { PlatformsArgs } from "../inputs/platforms.args";
import { idsByRequirement } from "./requirement-filter.service";

function filtered(db: DataSource, args: PlatformsArgs) {
  const query = db.getRepository(Platform).createQueryBuilder("p");
  const { districtCode, kind, status } = args;
  if (districtCode) query.andWhere("p.districtCode = :districtCode", { districtCode });
  if (kind) query.andWhere("p.kind = :kind", { kind });
  if (status) query.andWhere("p.status = :status", { status });
  return query;
}

export async function findPlatforms(
  db: DataSource,
  config: HubConfig,
  args: PlatformsArgs,
): Promise<Page<Platform>> {
  const first = pageSize(args.first);
  const afterId = decodeCursor(args.after);
  if (args.mentorRequirementMet !== undefined && args.mentorRequirementMet !== null) {
    // Decided per platform with the mentors' status from corps; then one page of the ids.
    const ids = await idsByRequirement(db, config, filtered(db, args), args.mentorRequirementMet);
    const page = ids.filter((id) => afterId === null || id > afterId).slice(0, first + 1);
    const rows = page.length
      ? await db.getRepository(Platform).find({ where: { id: In(page) }, order: { id: "ASC" } })
      : [];
    return toPage(rows, first, ids.length);
  }
  const query = filtered(db, args);
  // Count the whole list, then read one row more than the page.
  const totalCount = await query.getCount();
  if (afterId !== null) query.andWhere("p.id > :afterId", { afterId });
  const rows = await query
    .orderBy("p.id", "ASC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}
