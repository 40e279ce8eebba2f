import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import { PerformanceReview } from "../entities/performance-review.entity";
import { PlatformEvent } from "../entities/platform-event.entity";
import { Platform } from "../entities/platform.entity";
import { ServicePlan } from "../entities/service-plan.entity";
import { PlatformsArgs } from "../inputs/platforms.args";
import type { PlatformsLoaders } from "../loaders";
import { visiblePlatform } from "../services/access";
import { isMentorRequirementMet, requiredMentors } from "../services/mentor-rule.service";
import { scoreChange } from "../services/performance.service";
import { findPlatforms } from "../services/platforms.service";
import { PlatformConnection } from "../types/platform-connection";
import { District, Station, Volunteer } from "../types/stubs";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver(() => Platform)
export class PlatformResolver {
  @Authorized()
  @Query(() => PlatformConnection, {
    description:
      "Demonstration platforms, oldest first, in every status, those below their mentor minimum included (flagged by mentorRequirementMet); signed-in callers.",
  })
  platforms(@Args() args: PlatformsArgs, @Ctx() ctx: Ctx) {
    return findPlatforms(ctx.db, ctx.config, args);
  }

  @Query(() => Platform, {
    nullable: true,
    description:
      "One platform by id; null when unknown. Anonymous callers see CERTIFIED platforms only (null otherwise).",
  })
  async platform(
    @Arg("id", () => ID) id: string,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const key = rowId(id);
    return key === null ? null : visiblePlatform(caller, await ctx.loaders.platform.load(key));
  }

  @FieldResolver(() => District, {
    nullable: true,
    description: "Where the platform is. Null, with an error, when districts cannot be asked.",
  })
  district(@Root() platform: Platform): District {
    return { code: platform.districtCode };
  }

  @FieldResolver(() => Station, {
    nullable: true,
    description: "The workstation the platform grew from.",
  })
  sourceStation(@Root() platform: Platform): Station | null {
    return platform.sourceStationId === null ? null : { id: String(platform.sourceStationId) };
  }

  @FieldResolver(() => Int, {
    description:
      "Mentors the platform's kind needs: 3 for a comprehensive base, 1 for a specialised one, 0 for a public-service platform.",
  })
  mentorMinimum(@Root() platform: Platform) {
    return requiredMentors(platform.kind);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether enough mentors are APPOINTED now (3 for a comprehensive base, 1 for a specialised one); a base below it is flagged, not hidden. Null when the mentors' status cannot be read from corps.",
  })
  @Directive('@requires(fields: "mentors { status }")')
  mentorRequirementMet(
    @Root() platform: Platform & { mentors?: Array<{ status?: string } | null> },
  ): boolean | null {
    // The gateway fetched the mentors' status from corps and passed it with the reference.
    return isMentorRequirementMet(platform.kind, platform.mentors ?? []);
  }

  @FieldResolver(() => [Volunteer], {
    nullable: "items",
    description:
      "The mentor group (创业导师团). A mentor the caller may not see (anonymous callers see appointed volunteers only), or one corps cannot answer for, is a null item.",
  })
  async mentors(@Root() platform: Platform, @Ctx() ctx: Ctx): Promise<Volunteer[]> {
    return (await ctx.loaders.mentors.load(platform.id)).map((m) => ({
      id: String(m.volunteerId),
    }));
  }

  @Authorized()
  @FieldResolver(() => [PlatformEvent], {
    description:
      "Audit trail: the application, recommendation, amendments, certification, rejection, revocation and mentor changes, oldest first; signed-in callers.",
  })
  history(@Root() platform: Platform, @Ctx() ctx: Ctx) {
    return ctx.loaders.platformHistory.load(platform.id);
  }

  @Authorized()
  @FieldResolver(() => [ServicePlan], {
    description: "Public-service plans (公益服务计划), by period; signed-in callers.",
  })
  servicePlans(@Root() platform: Platform, @Ctx() ctx: Ctx) {
    return ctx.loaders.plans.load(platform.id);
  }

  @Authorized()
  @FieldResolver(() => [PerformanceReview], {
    description: "Performance reviews (绩效考评), oldest year first: the trend; signed-in callers.",
  })
  performanceReviews(@Root() platform: Platform, @Ctx() ctx: Ctx) {
    return ctx.loaders.reviews.load(platform.id);
  }

  @Authorized()
  @FieldResolver(() => PerformanceReview, {
    nullable: true,
    description: "The review of the latest year reviewed; null before the first.",
  })
  async latestReview(@Root() platform: Platform, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.reviews.load(platform.id)).at(-1) ?? null;
  }

  @Authorized()
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "The latest score minus the one of the year reviewed before it (positive: improving); null with fewer than two reviews.",
  })
  async scoreChange(@Root() platform: Platform, @Ctx() ctx: Ctx) {
    return scoreChange(await ctx.loaders.reviews.load(platform.id));
  }
}
