// Per-request DataLoaders of the platforms subgraph.
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { num } from "../shared/db";
import { rowsBy } from "../shared/loader-helpers";
import { plainRowById } from "../shared/plain-rows";
import { Mentor } from "./entities/mentor.entity";
import { PerformanceReview } from "./entities/performance-review.entity";
import { PlanEvent } from "./entities/plan-event.entity";
import { PlatformEvent } from "./entities/platform-event.entity";
import { Platform } from "./entities/platform.entity";
import { ServicePlan } from "./entities/service-plan.entity";
import { PlatformStatus } from "./vocabulary";

export function createLoaders(db: DataSource) {
  return {
    /** Plain rows: read on every reference (a story's platforms) and list. */
    platform: plainRowById(db, Platform),
    /** Mentor volunteer ids per platform, in id order. */
    mentors: rowsBy(db, Mentor, "platformId", { volunteerId: "ASC" }),
    /** The platforms each volunteer mentors (their ids; the rows through `platform`). */
    mentoring: rowsBy(db, Mentor, "volunteerId", { platformId: "ASC" }),
    /** Audit events per platform, oldest first. */
    platformHistory: rowsBy(db, PlatformEvent, "platformId", { id: "ASC" }),
    /** Public-service plans per platform, by period, then oldest first. */
    plans: rowsBy(db, ServicePlan, "platformId", { period: "ASC", id: "ASC" }),
    /** Audit events per plan, oldest first. */
    planHistory: rowsBy(db, PlanEvent, "planId", { id: "ASC" }),
    /** Performance reviews per platform, oldest year first: the trend. */
    reviews: rowsBy(db, PerformanceReview, "platformId", { period: "ASC" }),
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
