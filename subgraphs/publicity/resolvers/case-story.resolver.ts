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
import type { PublicityLoaders, ReferenceStub } from "../loaders";
import { findStories, visibleStory } from "../services/stories.service";
import { EDITOR_ROLES, ReferenceKind } from "../vocabulary";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import { hintStoryRead } from "../cache-hint";
import { selectedFields } from "../../shared/selection";

type Ctx = SubgraphContext<PublicityLoaders>;

/** How a list of references describes itself: hidden entities are null, the story stays readable. */
const about = (what: string, hidden: string) =>
  `${what} the story is about; an item is null where the owner hides it from the caller (${hidden}), and the story stays readable.`;

type StoryField<T> = (
  story: CaseStory,
  args: unknown,
  ctx: Ctx,
  info: GraphQLResolveInfo,
) => T | Promise<T>;

/** A list of references: from the page's batch when it is back (preloadStoryFields), else loaded. */
const references =
  (kind: ReferenceKind): StoryField<ReferenceStub[]> =>
  (story, _args, ctx, info) => {
    hintStoryRead(info, ctx);
    const loaded = ctx.loaders.references.peek(story.id);
    return loaded ? loaded[kind] : ctx.loaders.references.load(story.id).then((refs) => refs[kind]);
  };

/**
 * What a story's district, reference lists and coverage resolve with: each sets the story's cache
 * hint, and the lists answer without a promise once their batch is back. The schema calls these
 * directly (index.ts: a page of 50 stories resolves 300 of them), not through type-graphql's
 * wrapper around the methods below, which declare the fields and call the same functions.
 */
export const storyFields = {
  district: ((story, _args, ctx, info) => {
    hintStoryRead(info, ctx);
    return { code: story.districtCode };
  }) satisfies StoryField<District>,
  volunteers: references(ReferenceKind.VOLUNTEER),
  stations: references(ReferenceKind.STATION),
  platforms: references(ReferenceKind.PLATFORM),
  activities: references(ReferenceKind.ACTIVITY),
  coverage: ((story, _args, ctx, info) => {
    hintStoryRead(info, ctx);
    return ctx.loaders.coverage.peek(story.id) ?? ctx.loaders.coverage.load(story.id);
  }) satisfies StoryField<Coverage[]>,
};

/** The fields of a story that read its references (one batch for all four). */
const REFERENCE_FIELDS = ["volunteers", "stations", "platforms", "activities"];

/**
 * Sends the batches the selection's story fields would send (a page's references and coverage,
 * the same statements) and waits for them once, before the stories are handed out: their fields
 * then answer without a promise each, and graphql-js completes each story without waiting. A
 * failed batch is left to the fields, which get its error as they did (loadMany does not reject).
 */
export async function preloadStoryFields(
  stories: readonly CaseStory[],
  info: GraphQLResolveInfo,
  ctx: Ctx,
) {
  if (!stories.length) return;
  const selected = selectedFields(info);
  const ids = stories.map((story) => story.id);
  const loads: Array<Promise<unknown>> = [];
  if (REFERENCE_FIELDS.some((field) => selected.has(field)))
    loads.push(ctx.loaders.references.loadMany(ids));
  if (selected.has("coverage")) loads.push(ctx.loaders.coverage.loadMany(ids));
  await Promise.all(loads);
}

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
    return storyFields.district(story, {}, ctx, info);
  }

  @FieldResolver(() => [Volunteer], {
    nullable: "items",
    description: about("Volunteers", "for the public: a volunteer not serving, e.g. withdrawn"),
  })
  volunteers(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return storyFields.volunteers(story, {}, ctx, info);
  }

  @FieldResolver(() => [Station], {
    nullable: "items",
    description: about("Stations", "for the public: a station not filed, e.g. revoked"),
  })
  stations(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return storyFields.stations(story, {}, ctx, info);
  }

  @FieldResolver(() => [Platform], {
    nullable: "items",
    description: about("Platforms", "as the platforms subgraph decides"),
  })
  platforms(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return storyFields.platforms(story, {}, ctx, info);
  }

  @FieldResolver(() => [Activity], {
    nullable: "items",
    description: about("Activities", "as the districts subgraph decides"),
  })
  activities(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return storyFields.activities(story, {}, ctx, info);
  }

  @FieldResolver(() => [Coverage], { description: "Media coverage, oldest first." })
  coverage(@Root() story: CaseStory, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Ctx) {
    return storyFields.coverage(story, {}, ctx, info);
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
