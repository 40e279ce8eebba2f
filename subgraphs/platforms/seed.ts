// The platforms' seed entry point: platforms with their mentor groups and audit trail, public-service
// plans with their own trail, and performance reviews. A platform's live keys and a review's grade
// follow from the row, by the rules the platforms' services apply to every write.
import type { DataSource } from "typeorm";
import { clearTables, insertChunked, type Instant, type SubgraphSeed } from "../shared/seed";
import { Mentor } from "./entities/mentor.entity";
import { PerformanceReview } from "./entities/performance-review.entity";
import { PlanEvent } from "./entities/plan-event.entity";
import { PlatformEvent } from "./entities/platform-event.entity";
import { Platform } from "./entities/platform.entity";
import {
  PlatformAnnualReport,
  PlatformYear,
  PlatformYearEvent,
} from "./entities/platform-year.entity";
import { ServicePlan } from "./entities/service-plan.entity";
import { liveKeys } from "./services/live-keys";
import { gradeFor } from "./services/performance.service";
import type { PlatformStatus } from "./vocabulary";

/** The rows a platforms database is loaded with; events get their ids in this order. */
export interface PlatformsSeedRows {
  platforms: Array<{
    id: number;
    name: string;
    kind: string;
    operatorName: string;
    districtCode: string;
    sourceStationId: number | null;
    status: string;
    level: string | null;
    appliedOn: string;
    certifiedOn: string | null;
    recommendation: string | null;
  }>;
  mentors: Array<{ platformId: number; volunteerId: number; since: string }>;
  platformEvents: Array<{
    platformId: number;
    at: Instant;
    actor: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    comment: string | null;
  }>;
  plans: Array<{
    id: number;
    platformId: number;
    title: string;
    category: string;
    period: string;
    proposer: string;
    description: string;
    status: string;
    createdAt: Instant;
  }>;
  planEvents: Array<{
    planId: number;
    at: Instant;
    actor: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    comment: string | null;
  }>;
  reviews: Array<{
    platformId: number;
    period: string;
    score: number;
    comment: string | null;
    reviewedAt: Instant;
    actor: string;
  }>;
}

async function loadPlatforms(db: DataSource, rows: PlatformsSeedRows) {
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      Platform,
      rows.platforms.map((p) => ({
        ...p,
        ...liveKeys({ ...p, status: p.status as PlatformStatus }),
      })) as never[],
    );
    await insertChunked(tx, Mentor, rows.mentors);
    await insertChunked(
      tx,
      PlatformEvent,
      rows.platformEvents.map((e) => ({ ...e, at: new Date(e.at) })) as never[],
    );
    await insertChunked(
      tx,
      ServicePlan,
      rows.plans.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })) as never[],
    );
    await insertChunked(
      tx,
      PlanEvent,
      rows.planEvents.map((e) => ({ ...e, at: new Date(e.at) })) as never[],
    );
    await insertChunked(
      tx,
      PerformanceReview,
      rows.reviews.map((r) => ({
        ...r,
        reviewedAt: new Date(r.reviewedAt),
        grade: gradeFor(r.score),
      })) as never[],
    );
  });
}

export const platformsSeed: SubgraphSeed<PlatformsSeedRows> = {
  isEmpty: async (db) => !(await db.getRepository(Platform).exists()),
  load: loadPlatforms,
  clear: (db) =>
    clearTables(db, [
      PlatformYearEvent,
      PlatformAnnualReport,
      PlatformYear,
      PerformanceReview,
      PlanEvent,
      ServicePlan,
      PlatformEvent,
      Mentor,
      Platform,
    ]),
};
