import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { District } from "../types/stubs";
import type { PlatformsLoaders } from "../loaders";

@Resolver(() => District)
export class DistrictPlatformsResolver {
  @FieldResolver(() => Int, { description: "Certified demonstration platforms in the district." })
  certifiedPlatformCount(
    @Root() district: District,
    @Ctx() ctx: SubgraphContext<PlatformsLoaders>,
  ) {
    return ctx.loaders.certifiedCount.load(district.code);
  }
}
