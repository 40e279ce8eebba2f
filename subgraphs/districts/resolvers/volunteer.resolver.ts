import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from "type-graphql";
import { badInput } from "../../../runtime/errors";
import { MAX_PAGE } from "../../shared/pagination";
import type { SubgraphContext } from "../../shared/context";
import { Activity } from "../entities/activity.entity";
import { Volunteer } from "../types/volunteer.stub";
import type { DistrictsLoaders } from "../loaders";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => Volunteer)
export class VolunteerServiceResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Verified service hours across all districts' published activities (docs/domain.md rule 3). Null, with an error, when the districts service cannot be asked: the rest of the answer stands.",
  })
  serviceHours(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.volunteerHours.load(Number(volunteer.id));
  }

  @FieldResolver(() => [Activity], {
    nullable: true,
    description:
      "The latest activities the volunteer served in, newest first (`first`, default 20, at most 100). Null, with an error, when the districts service cannot be asked: the rest of the answer stands.",
  })
  activities(
    @Root() volunteer: Volunteer,
    @Arg("first", () => Int, { defaultValue: 20, description: "How many, 1 to 100." })
    first: number,
    @Ctx() ctx: Ctx,
  ) {
    if (!(first >= 1 && first <= MAX_PAGE))
      throw badInput(`first must be between 1 and ${MAX_PAGE}; it is ${first}`);
    return ctx.loaders.volunteerActivities(first).load(Number(volunteer.id));
  }
}
