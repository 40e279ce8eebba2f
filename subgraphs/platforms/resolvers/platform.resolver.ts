import {
  Arg,
  Directive,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { decodeCursor, PageArgs, pageSize, toPage } from "../../shared/pagination";
import { PlatformConnection } from "../entities/platform-connection";
import { Platform } from "../entities/platform.entity";
import { District, Station, Volunteer } from "../entities/stubs";
import type { PlatformsLoaders } from "../loaders";
import { MENTOR_MINIMUM } from "../vocabulary";
import { VolunteerStatus } from "../../shared/vocabulary";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver(() => Platform)
export class PlatformResolver {
  @Authorized()
  @Query(() => PlatformConnection, {
    description: "Demonstration platforms, oldest first; signed-in callers.",
  })
  async platforms(
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Ctx,
  ) {
    const first = pageSize(page.first);
    const afterId = decodeCursor(page.after);
    const query = ctx.db.getRepository(Platform).createQueryBuilder("p");
    if (districtCode) query.where("p.districtCode = :districtCode", { districtCode });
    const totalCount = await query.getCount();
    if (afterId !== null) query.andWhere("p.id > :afterId", { afterId });
    const rows = await query
      .orderBy("p.id", "ASC")
      .take(first + 1)
      .getMany();
    return toPage(rows, first, totalCount);
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
    return MENTOR_MINIMUM[platform.kind];
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
    const mentors = platform.mentors ?? [];
    if (mentors.some((m) => !m?.status)) return null; // corps did not answer for every mentor
    const serving = mentors.filter((m) => m?.status === VolunteerStatus.APPOINTED);
    return serving.length >= MENTOR_MINIMUM[platform.kind];
  }

  @FieldResolver(() => [Volunteer], { description: "The mentor group (创业导师团)." })
  async mentors(@Root() platform: Platform, @Ctx() ctx: Ctx): Promise<Volunteer[]> {
    return (await ctx.loaders.mentors.load(platform.id)).map((m) => ({
      id: String(m.volunteerId),
    }));
  }
}
