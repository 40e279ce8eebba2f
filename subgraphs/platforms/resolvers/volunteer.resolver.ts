import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import { Platform } from "../entities/platform.entity";
import type { PlatformsLoaders } from "../loaders";
import { visiblePlatform } from "../services/access";
import { Volunteer } from "../types/stubs";

@Resolver(() => Volunteer)
export class VolunteerMentoringResolver {
  @FieldResolver(() => [Platform], {
    nullable: true,
    description:
      "The platforms whose mentor group (创业导师团) the volunteer is in, oldest first; anonymous callers see certified platforms only.",
  })
  async mentoring(
    @Root() volunteer: Volunteer,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: SubgraphContext<PlatformsLoaders>,
  ): Promise<Platform[]> {
    const key = rowId(volunteer.id);
    if (key === null) return [];
    const memberships = await ctx.loaders.mentoring.load(key);
    const platforms = await ctx.loaders.platform.loadMany(memberships.map((m) => m.platformId));
    return platforms.flatMap((p) => {
      if (p instanceof Error) throw p;
      const visible = visiblePlatform(caller, p);
      return visible ? [visible] : [];
    });
  }
}
