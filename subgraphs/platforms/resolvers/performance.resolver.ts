import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { PerformanceReview } from "../entities/performance-review.entity";
import { PerformanceReviewInput } from "../inputs/performance-review.input";
import type { PlatformsLoaders } from "../loaders";
import { recordReview } from "../services/performance.service";

@Resolver()
export class PerformanceReviewResolver {
  @Authorized("CITY_ADMIN")
  @Mutation(() => PerformanceReview, {
    description:
      "Records a platform's yearly performance review (绩效考评), graded from the score: 优秀 90+, 良好 75-89, 合格 60-74, 不合格 below 60. One per platform and year: a second one is a CONFLICT. CERTIFIED platforms, or REVOKED ones for years they were certified.",
  })
  recordPerformanceReview(
    @Arg("platformId", () => ID) platformId: string,
    @Arg("input", () => PerformanceReviewInput) input: PerformanceReviewInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: SubgraphContext<PlatformsLoaders>,
  ) {
    return recordReview(ctx.db, caller, platformId, input);
  }
}
