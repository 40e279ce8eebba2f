import type { GraphQLResolveInfo } from "graphql";
import { viewerOf } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { hintStoryRead } from "../cache-hint";
import type { PublicityLoaders } from "../loaders";
import { visibleStory } from "../services/stories.service";

export const caseStoryReference = {
  /** The same visibility as the caseStories query: anonymous callers reach PUBLISHED ones only. */
  async __resolveReference(
    ref: { id: string },
    ctx: SubgraphContext<PublicityLoaders>,
    info: GraphQLResolveInfo,
  ) {
    hintStoryRead(info, ctx);
    if (!/^\d{1,9}$/.test(String(ref.id))) return null;
    return visibleStory(viewerOf(ctx), await ctx.loaders.story.load(Number(ref.id)));
  },
};
