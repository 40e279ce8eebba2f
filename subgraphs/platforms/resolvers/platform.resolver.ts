import {
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  Int,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { Platform } from "../entities/platform.entity";
import { PlatformsArgs } from "../inputs/platforms.args";
import type { PlatformsLoaders } from "../loaders";
import { isMentorRequirementMet, requiredMentors } from "../services/mentor-rule.service";
import { findPlatforms } from "../services/platforms.service";
import { PlatformConnection } from "../types/platform-connection";
import { District, Station, Volunteer } from "../types/stubs";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver(() => Platform)
export class PlatformResolver {
  @Authorized()
  @Query(() => PlatformConnection, {
    description: "Demonstration platforms, oldest first; signed-in callers.",
  })
  platforms(@Args() args: PlatformsArgs, @Ctx() ctx: Ctx) {
    return findPlatforms(ctx.db, args);
  }

  @FieldResolver(() => District)
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
      "Mentors the platform's kind needs: 3 for a comprehensive base, 1 for a specialised one.",
  })
  mentorMinimum(@Root() platform: Platform) {
    return requiredMentors(platform.kind);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether enough mentors are APPOINTED (3 for a comprehensive base, 1 for a specialised one); a base below it is flagged, not hidden. Null when the mentors' status cannot be read from corps.",
  })
  @Directive('@requires(fields: "mentors { status }")')
  mentorRequirementMet(
    @Root() platform: Platform & { mentors?: Array<{ status?: string } | null> },
  ): boolean | null {
    // The gateway fetched the mentors' status from corps and passed it with the reference.
    return isMentorRequirementMet(platform.kind, platform.mentors ?? []);
  }

  @FieldResolver(() => [Volunteer], { description: "The mentor group (创业导师团)." })
  async mentors(@Root() platform: Platform, @Ctx() ctx: Ctx): Promise<Volunteer[]> {
    return (await ctx.loaders.mentors.load(platform.id)).map((m) => ({
      id: String(m.volunteerId),
    }));
  }
}
