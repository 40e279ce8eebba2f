import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { SubgraphContext } from "../../shared/context";
import { PageArgs, pageSize, toPage } from "../../shared/pagination";
import { CaseStoryConnection } from "../types/case-story-connection";
import { CaseStory } from "../entities/case-story.entity";
import { Coverage } from "../entities/coverage.entity";
import { StoryEvent } from "../entities/story-event.entity";
import { Activity, District, Platform, Station, Volunteer } from "../types/stubs";
import { CaseStoryFilter } from "../inputs/case-story-filter.input";
import type { PublicityLoaders } from "../loaders";
import { findStories, visibleStory } from "../services/stories.service";
import { EDITOR_ROLES, ReferenceKind } from "../vocabulary";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import { hintStoryRead } from "../cache-hint";

type Ctx = SubgraphContext<PublicityLoaders>;

/** How a list of references describes itself: hidden entities are null, the story stays readable. */
const about = (what: string, hidden: string) =>
  `${what} the story is about; an item is null where the owner hides it from the caller (${hidden}), and the story stays readable.`;

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
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Ctx,
  ) {
    hintStoryRead(info, ctx);
    const first = pageSize(page.first);
    const { rows, totalCount, cursorOf, lastChanged } = await findStories(
      ctx.db,
      caller,
      filter ?? {},
      first,
      page.after,
    );
    return { ...toPage(rows, first, totalCount, cursorOf), lastChanged };
  }

  @Query(() => CaseStory, {
    nullable: true,
    description: "One case story; null when it does not exist or the caller may not see it.",
  })
  async caseStory(
    @Arg("id", () => ID) id: string,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Ctx,
  ) {
    hintStoryRead(info, ctx);
    if (!/^\d{1,9}$/.test(id)) return null;
    return visibleStory(caller, await ctx.loaders.story.load(Number(id)));
  }

  @FieldResolver(() => District, {
    nullable: true,
    description:
      "The district the story is about. Null, with an error, when districts cannot be asked.",
  })
  district(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx): District {
    hintStoryRead(info, ctx);
    return { code: story.districtCode };
  }

  private async refs(story: CaseStory, kind: ReferenceKind, info: GraphQLResolveInfo, ctx: Ctx) {
    hintStoryRead(info, ctx);
    return (await ctx.loaders.references.load(story.id))[kind].map((id) => ({ id: String(id) }));
  }

  @FieldResolver(() => [Volunteer], {
    nullable: "items",
    description: about("Volunteers", "for the public: a volunteer not serving, e.g. withdrawn"),
  })
  volunteers(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return this.refs(story, ReferenceKind.VOLUNTEER, info, ctx);
  }

  @FieldResolver(() => [Station], {
    nullable: "items",
    description: about("Stations", "for the public: a station not filed, e.g. revoked"),
  })
  stations(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return this.refs(story, ReferenceKind.STATION, info, ctx);
  }

  @FieldResolver(() => [Platform], {
    nullable: "items",
    description: about("Platforms", "as the platforms subgraph decides"),
  })
  platforms(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return this.refs(story, ReferenceKind.PLATFORM, info, ctx);
  }

  @FieldResolver(() => [Activity], {
    nullable: "items",
    description: about("Activities", "as the districts subgraph decides"),
  })
  activities(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return this.refs(story, ReferenceKind.ACTIVITY, info, ctx);
  }

  @FieldResolver(() => [Coverage], { description: "Media coverage, oldest first." })
  coverage(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    hintStoryRead(info, ctx);
    return ctx.loaders.coverage.load(story.id);
  }

  @Authorized(...EDITOR_ROLES)
  @FieldResolver(() => [StoryEvent], {
    description:
      "Every change, oldest first (audit trail: drafting, edits, transitions, coverage); editors only.",
  })
  history(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    hintStoryRead(info, ctx);
    return ctx.loaders.history.load(story.id);
  }
}
