import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { PageArgs, pageSize, toPage } from "../../shared/pagination";
import { CaseStoryConnection } from "../types/case-story-connection";
import { CaseStory } from "../entities/case-story.entity";
import { Coverage } from "../entities/coverage.entity";
import { Activity, District, Platform, Station, Volunteer } from "../types/stubs";
import { CaseStoryFilter } from "../inputs/case-story-filter.input";
import type { PublicityLoaders } from "../loaders";
import { findStories } from "../services/stories.service";
import type { ReferenceKind } from "../vocabulary";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";

type Ctx = SubgraphContext<PublicityLoaders>;

@Resolver(() => CaseStory)
export class CaseStoryResolver {
  @Query(() => CaseStoryConnection, {
    description:
      "Case stories. The public sees PUBLISHED ones, newest publication first; editors see every state, newest first.",
  })
  async caseStories(
    @Arg("filter", () => CaseStoryFilter, { nullable: true }) filter: CaseStoryFilter | null,
    @Args() page: PageArgs,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const first = pageSize(page.first);
    const { rows, totalCount, cursorOf } = await findStories(
      ctx.db,
      caller,
      filter ?? {},
      first,
      page.after,
    );
    return toPage(rows, first, totalCount, cursorOf);
  }

  @FieldResolver(() => District)
  district(@Root() story: CaseStory): District {
    return { code: story.districtCode };
  }

  private async refs(story: CaseStory, kind: ReferenceKind, ctx: Ctx) {
    return (await ctx.loaders.references.load(story.id))[kind].map((id) => ({ id: String(id) }));
  }

  @FieldResolver(() => [Volunteer])
  volunteers(@Root() story: CaseStory, @Ctx() ctx: Ctx) {
    return this.refs(story, "VOLUNTEER" as ReferenceKind, ctx);
  }

  @FieldResolver(() => [Station], {
    nullable: "items",
    description:
      "Stations the story is about; an item is null where the caller may not see that station (anonymous callers see filed stations only).",
  })
  stations(@Root() story: CaseStory, @Ctx() ctx: Ctx) {
    return this.refs(story, "STATION" as ReferenceKind, ctx);
  }

  @FieldResolver(() => [Platform])
  platforms(@Root() story: CaseStory, @Ctx() ctx: Ctx) {
    return this.refs(story, "PLATFORM" as ReferenceKind, ctx);
  }

  @FieldResolver(() => [Activity])
  activities(@Root() story: CaseStory, @Ctx() ctx: Ctx) {
    return this.refs(story, "ACTIVITY" as ReferenceKind, ctx);
  }

  @FieldResolver(() => [Coverage], { description: "Media coverage, oldest first." })
  coverage(@Root() story: CaseStory, @Ctx() ctx: Ctx) {
    return ctx.loaders.coverage.load(story.id);
  }
}
