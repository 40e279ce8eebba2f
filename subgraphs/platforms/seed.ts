// Loads the platforms' slice of the demo data: platforms, their mentor groups, audit trail,
// public-service plans (with their own trail) and performance reviews.
import type { DataSource } from "typeorm";
import type { DemoData } from "../../demo/generate";
import { platformRecordsDemo } from "../../demo/platforms";
import { insertChunked } from "../shared/seed";
import { Mentor } from "./entities/mentor.entity";
import { PerformanceReview } from "./entities/performance-review.entity";
import { PlanEvent } from "./entities/plan-event.entity";
import { PlatformEvent } from "./entities/platform-event.entity";
import { Platform } from "./entities/platform.entity";
import { ServicePlan } from "./entities/service-plan.entity";
import { liveKeys } from "./services/live-keys";
import { gradeFor } from "./services/performance.service";
import { PlanAction, PlanStatus, type PlatformStatus } from "./vocabulary";

export async function seedPlatforms(db: DataSource, demo: DemoData) {
  const records = platformRecordsDemo(demo.anchor, demo.platforms);
  await db.transaction(async (tx) => {
    await insertChunked(
      tx,
      Platform,
      demo.platforms.map(({ mentorIds: _m, ...p }) => ({
        ...p,
        ...liveKeys({ ...p, status: p.status as PlatformStatus }),
        recommendation:
          records.events.find((e) => e.platformId === p.id && e.action === "RECOMMEND")?.comment ??
          null,
      })) as never[],
    );
    await insertChunked(
      tx,
      Mentor,
      demo.platforms.flatMap((p) =>
        p.mentorIds.map((volunteerId) => ({
          platformId: p.id,
          volunteerId,
          since: p.certifiedOn ?? p.appliedOn,
        })),
      ),
    );
    await insertChunked(tx, PlatformEvent, records.events as never[]);
    await insertChunked(tx, ServicePlan, records.plans as never[]);
    await insertChunked(
      tx,
      PlanEvent,
      records.plans.flatMap((plan) => [
        {
          planId: plan.id,
          at: plan.createdAt,
          actor: "demo-platform-operator",
          action: PlanAction.PROPOSE,
          fromStatus: null,
          toStatus: PlanStatus.PROPOSED,
          comment: null,
        },
        ...(plan.status === PlanStatus.PROPOSED
          ? []
          : [
              {
                planId: plan.id,
                at: new Date(plan.createdAt.getTime() + 3 * 86_400_000),
                actor: "demo-city-admin",
                action: plan.status === PlanStatus.REJECTED ? PlanAction.REJECT : PlanAction.FILE,
                fromStatus: PlanStatus.PROPOSED,
                toStatus: plan.status,
                comment: plan.status === PlanStatus.REJECTED ? "服务内容与平台定位不符" : null,
              },
            ]),
      ]) as never[],
    );
    await insertChunked(
      tx,
      PerformanceReview,
      records.reviews.map((r) => ({
        ...r,
        grade: gradeFor(r.score),
        actor: "demo-city-admin",
      })) as never[],
    );
  });
}

export async function clearPlatforms(db: DataSource) {
  for (const entity of [PerformanceReview, PlanEvent, ServicePlan, PlatformEvent, Mentor, Platform])
    await db.getRepository(entity).clear();
}
