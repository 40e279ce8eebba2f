// Performance reviews (绩效考评) of platforms: one score a year per platform, 0-100, graded, by
// CITY_ADMIN; a second review of the same year is a CONFLICT (a review is a record, not a draft).
// The years: from the certification's to the current one, and for a revoked platform to the year
// of its revocation (the date of the latest REVOKE event in its history).
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { badInput, conflict } from "../../../runtime/errors";
import { businessDate, today } from "../../../runtime/dates";
import { isUniqueViolation } from "../../shared/unique-violation";
import { PerformanceReview } from "../entities/performance-review.entity";
import { PlatformEvent } from "../entities/platform-event.entity";
import type { PerformanceReviewInput } from "../inputs/performance-review.input";
import { PerformanceGrade, PlatformAction, PlatformStatus } from "../vocabulary";
import { assertWritable } from "./lifecycle";
import { findPlatform } from "./platform-writes";
import { optionalComment } from "./text";

/** 优秀 90-100, 良好 75-89, 合格 60-74, 不合格 below 60. */
export function gradeFor(score: number): PerformanceGrade {
  if (score >= 90) return PerformanceGrade.EXCELLENT;
  if (score >= 75) return PerformanceGrade.GOOD;
  if (score >= 60) return PerformanceGrade.PASS;
  return PerformanceGrade.FAIL;
}

/** What bounds the years a platform can be reviewed for: its certification, and its revocation. */
export interface HeldCertification {
  certifiedOn: string | null;
  /** The (Shenzhen) date of the revocation, for a REVOKED platform. */
  revokedOn?: string | null;
}

/**
 * A year is reviewed once it has begun, only from the year of the certification on, and for a
 * revoked platform only up to the year of its revocation: the years it held the certification.
 */
export function checkReviewYear(period: string, held: HeldCertification, now = today()) {
  const thisYear = now.slice(0, 4);
  if (period > thisYear)
    throw badInput(`period ${period} has not begun; the latest year to review is ${thisYear}`);
  const from = held.certifiedOn?.slice(0, 4);
  if (from && period < from)
    throw badInput(`period ${period} is before the platform's certification in ${from}`);
  const until = held.revokedOn?.slice(0, 4);
  if (until && period > until) {
    throw badInput(
      `period ${period} is after the platform's revocation in ${until}; a revoked platform is reviewed only for the years it held its certification`,
    );
  }
  return period;
}

/** The Shenzhen date of the platform's latest revocation, from its history; null without one. */
async function latestRevocation(db: DataSource, platformId: number): Promise<string | null> {
  const event = await db.getRepository(PlatformEvent).findOne({
    where: { platformId, action: PlatformAction.REVOKE },
    order: { at: "DESC", id: "DESC" },
    select: { id: true, at: true },
  });
  return event ? businessDate(event.at) : null;
}

/** The latest score minus the one before (null with fewer than two reviews). */
export function scoreChange(reviews: ReadonlyArray<{ score: number }>): number | null {
  if (reviews.length < 2) return null;
  return reviews[reviews.length - 1].score - reviews[reviews.length - 2].score;
}

export async function recordReview(
  db: DataSource,
  caller: Caller,
  platformId: string,
  input: PerformanceReviewInput,
): Promise<PerformanceReview> {
  const comment = optionalComment(input.comment);
  const platform = await findPlatform(db, platformId);
  assertWritable("review", platform.id, platform.status);
  const revokedOn =
    platform.status === PlatformStatus.REVOKED ? await latestRevocation(db, platform.id) : null;
  const period = checkReviewYear(input.period, { certifiedOn: platform.certifiedOn, revokedOn });
  const repo = db.getRepository(PerformanceReview);
  const duplicate = () =>
    conflict(
      `platform ${platform.id} already has a performance review for ${period}; one per year`,
    );
  if (await repo.existsBy({ platformId: platform.id, period })) throw duplicate();
  try {
    const { identifiers } = await repo.insert({
      platformId: platform.id,
      period,
      score: input.score,
      grade: gradeFor(input.score),
      comment,
      actor: caller.sub,
      reviewedAt: new Date(),
    });
    return await repo.findOneByOrFail({ id: Number(identifiers[0].id) });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(); // reviewed at the same moment by someone else
    throw error;
  }
}
