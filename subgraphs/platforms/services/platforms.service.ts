// The list of platforms, optionally one district's, oldest first (keyset on the id).
import type { DataSource } from "typeorm";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { Platform } from "../entities/platform.entity";
import type { PlatformsArgs } from "../inputs/platforms.args";

export async function findPlatforms(db: DataSource, args: PlatformsArgs): Promise<Page<Platform>> {
  const first = pageSize(args.first);
  const afterId = decodeCursor(args.after);
  const query = db.getRepository(Platform).createQueryBuilder("p");
  if (args.districtCode) {
    query.where("p.districtCode = :districtCode", { districtCode: args.districtCode });
  }
  // Count the whole list, then read one row more than the page.
  const totalCount = await query.getCount();
  if (afterId !== null) query.andWhere("p.id > :afterId", { afterId });
  const rows = await query
    .orderBy("p.id", "ASC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}
