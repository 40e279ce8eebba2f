import { viewerOf } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { rowId } from "../../shared/ids";
import type { PlatformsLoaders } from "../loaders";
import { visiblePlatform } from "../services/access";

export const platformReference = {
  /**
   * The row, as the root query would show it to this caller (anonymous: certified only, else
   * null), plus what the gateway brought along for @requires fields (the mentors' status).
   */
  async __resolveReference(
    ref: { id: string; mentors?: Array<{ status?: string }> },
    ctx: SubgraphContext<PlatformsLoaders>,
  ) {
    const key = rowId(String(ref.id));
    const platform = visiblePlatform(
      viewerOf(ctx),
      key === null ? null : await ctx.loaders.platform.load(key),
    );
    return platform && ref.mentors
      ? Object.assign(
          Object.create(Object.getPrototypeOf(platform) as object) as typeof platform,
          platform,
          {
            mentors: ref.mentors,
          },
        )
      : platform;
  },
};
