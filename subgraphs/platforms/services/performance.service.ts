// Performance reviews (绩效考评) of platforms: one score a year per platform, 0-100, graded, by
// CITY_ADMIN; a second review of the same year is a CONFLICT (a review is a record, not a draft).
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { badInput, conflict } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { isUniqueViolation } from "../../shared/unique-violation";
import { PerformanceReview } from "../entities/performance-review.entity";
import type { PerformanceReviewInput } from "../inputs/performance-review.input";
import { PerformanceGrade } from "../vocabulary";
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

/** A year is reviewed once it has begun, and only from the year of the certification on. */
export function checkReviewYear(period: string, certifiedOn: string | null, now = today()) {
  const thisYear = now.slice(0, 4);
  if (period > thisYear)
    throw badInput(`period ${period} has not begun; the latest year to review is ${thisYear}`);
  const from = certifiedOn?.slice(0, 4);
  if (from && period < from)
    throw badInput(`period ${period} is before the platform's certification in ${from}`);
  return period;
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
  const period = checkReviewYear(input.period, platform.certifiedOn);
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
