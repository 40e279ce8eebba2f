import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { District } from "../types/stubs";
import type { PlatformsLoaders } from "../loaders";

@Resolver(() => District)
export class DistrictPlatformsResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Certified demonstration platforms in the district. Null, with an error, when the platforms service cannot be asked: the rest of the answer stands.",
  })
  certifiedPlatformCount(
    @Root() district: District,
    @Ctx() ctx: SubgraphContext<PlatformsLoaders>,
  ) {
    return ctx.loaders.certifiedCount.load(district.code);
  }
}
