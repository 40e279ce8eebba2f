// Platforms by many ids, in the order asked (null where unknown or hidden): what publicity checks
// through the gateway for a story's platform references, one call per batch, with the same
// visibility as every other path to a platform.
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { checkLookupSize, MAX_LOOKUP_IDS, rowId } from "../../shared/ids";
import { Platform } from "../entities/platform.entity";
import type { PlatformsLoaders } from "../loaders";
import { visiblePlatform } from "../services/access";

type Ctx = SubgraphContext<PlatformsLoaders>;

@Resolver()
export class PlatformLookupResolver {
  @Authorized()
  @Query(() => [Platform], {
    nullable: "items",
    description: `Several platforms by id, in the order asked (null where unknown); at most ${MAX_LOOKUP_IDS} ids; signed-in callers.`,
  })
  platformsByIds(
    @Arg("ids", () => [ID]) ids: string[],
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    checkLookupSize(ids, "platforms");
    return Promise.all(
      ids.map(async (id) => {
        const key = rowId(id);
        return key === null ? null : visiblePlatform(caller, await ctx.loaders.platform.load(key));
      }),
    );
  }
}
