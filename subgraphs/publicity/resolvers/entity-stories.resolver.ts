// Volunteer.stories, Station.stories and Platform.stories: the stories about an entity another
// subgraph owns, newest publication first, batched (one windowed query per batch of entities).
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root, type ClassType } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Caller } from "../../../runtime/auth";
import { badInput } from "../../../runtime/errors";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { hintStoryRead } from "../cache-hint";
import { CaseStory } from "../entities/case-story.entity";
import type { PublicityLoaders } from "../loaders";
import { isEditor } from "../services/stories.service";
import { Platform, Station, Volunteer } from "../types/stubs";
import { ReferenceKind } from "../vocabulary";

type Ctx = SubgraphContext<PublicityLoaders>;
const MAX_STORIES = 50;

function storiesResolver(Stub: ClassType<{ id: string }>, kind: ReferenceKind, noun: string) {
  @Resolver(() => Stub)
  class StoriesAbout {
    @FieldResolver(() => [CaseStory], {
      nullable: true,
      description: `Case stories about this ${noun}, newest publication first: PUBLISHED ones, or every state for editors.`,
    })
    stories(
      @Root() entity: { id: string },
      @Arg("first", () => Int, {
        defaultValue: 10,
        description: `How many, 1 to ${MAX_STORIES} (default 10).`,
      })
      first: number,
      @CurrentCaller({ optional: true }) caller: Caller | null,
      @Info() info: GraphQLResolveInfo,
      @Ctx() ctx: Ctx,
    ): Promise<CaseStory[]> | CaseStory[] {
      if (!Number.isInteger(first) || first < 1 || first > MAX_STORIES)
        throw badInput(`first must be 1 to ${MAX_STORIES}; it is ${first}`);
      hintStoryRead(info, ctx);
      if (!/^\d{1,9}$/.test(entity.id)) return [];
      return ctx.loaders
        .storiesAbout({ kind, first, publishedOnly: !isEditor(caller) })
        .load(Number(entity.id));
    }
  }
  return StoriesAbout;
}

export const VolunteerStoriesResolver = storiesResolver(
  Volunteer,
  ReferenceKind.VOLUNTEER,
  "volunteer",
);
export const StationStoriesResolver = storiesResolver(Station, ReferenceKind.STATION, "station");
export const PlatformStoriesResolver = storiesResolver(
  Platform,
  ReferenceKind.PLATFORM,
  "platform",
);
