import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { District } from "../types/stubs";
import type { CorpsLoaders } from "../loaders";

@Resolver(() => District)
export class DistrictVolunteersResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Appointed volunteers in the district's regional branches. Null, with an error, when the corps service cannot be asked: the rest of the answer stands.",
  })
  volunteerCount(@Root() district: District, @Ctx() ctx: SubgraphContext<CorpsLoaders>) {
    return ctx.loaders.districtVolunteerCount.load(district.code);
  }
}
