import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { District } from "../types/stubs";
import type { PublicityLoaders } from "../loaders";

@Resolver(() => District)
export class DistrictStoriesResolver {
  @FieldResolver(() => Int, { description: "Published case stories about the district." })
  publishedStoryCount(@Root() district: District, @Ctx() ctx: SubgraphContext<PublicityLoaders>) {
    return ctx.loaders.publishedCount.load(district.code);
  }
}
