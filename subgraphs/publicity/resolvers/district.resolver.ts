import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { District } from "../types/stubs";
import type { PublicityLoaders } from "../loaders";

@Resolver(() => District)
export class DistrictStoriesResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Published case stories about the district. Null, with an error, when the publicity service cannot be asked: the rest of the answer stands.",
  })
  publishedStoryCount(@Root() district: District, @Ctx() ctx: SubgraphContext<PublicityLoaders>) {
    return ctx.loaders.publishedCount.load(district.code);
  }
}
