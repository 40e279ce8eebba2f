// Per-request DataLoaders of the platforms subgraph.
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { num } from "../shared/db";
import { Mentor } from "./entities/mentor.entity";
import { Platform } from "./entities/platform.entity";
import { PlatformStatus } from "./vocabulary";

export function createLoaders(db: DataSource) {
  return {
    platform: new DataLoader<number, Platform | null>(async (ids) => {
      const rows = await db.getRepository(Platform).findBy({ id: In([...ids]) });
      const map = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    /** Mentor volunteer ids per platform, in id order. */
    mentorIds: new DataLoader<number, number[]>(async (ids) => {
      const rows = await db.getRepository(Mentor).find({
        where: { platformId: In([...ids]) },
        order: { volunteerId: "ASC" },
      });
      return ids.map((id) => rows.filter((m) => m.platformId === id).map((m) => m.volunteerId));
    }),
    certifiedCount: new DataLoader<string, number>(async (codes) => {
      const rows: Array<{ code: string; n: unknown }> = await db
        .createQueryBuilder()
        .select("p.districtCode", "code")
        .addSelect("COUNT(*)", "n")
        .from("platform", "p")
        .where("p.districtCode IN (:...codes) AND p.status = :status", {
          codes,
          status: PlatformStatus.CERTIFIED,
        })
        .groupBy("p.districtCode")
        .getRawMany();
      const map = new Map(rows.map((r) => [r.code, num(r.n)]));
      return codes.map((code) => map.get(code) ?? 0);
    }),
  };
}

export type PlatformsLoaders = ReturnType<typeof createLoaders>;
