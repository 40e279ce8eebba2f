import type { SubgraphContext } from "../../shared/context";
import type { PlatformsLoaders } from "../loaders";

export const platformReference = {
  /** The row, plus what the gateway brought along for @requires fields (the mentors' status). */
  async __resolveReference(
    ref: { id: string; mentors?: Array<{ status?: string }> },
    ctx: SubgraphContext<PlatformsLoaders>,
  ) {
    const platform = await ctx.loaders.platform.load(Number(ref.id));
    return platform && ref.mentors
      ? Object.assign(Object.create(Object.getPrototypeOf(platform)), platform, {
          mentors: ref.mentors,
        })
      : platform;
  },
};
