import type { SubgraphContext } from "../../shared/context";
import type { PublicityLoaders } from "../loaders";
import { isEditor } from "../services/stories.service";
import { StoryStatus } from "../vocabulary";

export const caseStoryReference = {
  async __resolveReference(ref: { id: string }, ctx: SubgraphContext<PublicityLoaders>) {
    const story = await ctx.loaders.story.load(Number(ref.id));
    // Unpublished stories stay invisible to the public, however they are reached.
    return story && (story.status === StoryStatus.PUBLISHED || isEditor(ctx.caller)) ? story : null;
  },
};
