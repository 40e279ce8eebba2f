import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { Branch } from "../entities/branch.entity";
import { District } from "../types/stubs";
import type { CorpsLoaders } from "../loaders";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => Branch)
export class BranchResolver {
  @Query(() => [Branch], {
    description: "Branch teams; with districtCode, the regional branches of that district only.",
  })
  branches(
    @Arg("districtCode", () => ID, { nullable: true }) districtCode: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return ctx.db.getRepository(Branch).find({
      where: districtCode ? { districtCode } : {},
      order: { id: "ASC" },
    });
  }

  @FieldResolver(() => District, {
    nullable: true,
    description: "The district of a REGION branch.",
  })
  district(@Root() branch: Branch): District | null {
    return branch.districtCode ? { code: branch.districtCode } : null;
  }

  @FieldResolver(() => Int, { description: "Appointed volunteers in this branch." })
  volunteerCount(@Root() branch: Branch, @Ctx() ctx: Ctx) {
    return ctx.loaders.branchVolunteerCount.load(branch.id);
  }
}
