import { Ctx, FieldResolver, Float, Resolver, Root } from "type-graphql";
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
      "Verified service hours across all districts' published activities (DOMAIN.md rule 3). Null, with an error, when the districts service cannot be asked: the rest of the answer stands.",
  })
  serviceHours(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.volunteerHours.load(Number(volunteer.id));
  }

  @FieldResolver(() => [Activity], {
    nullable: true,
    description:
      "Activities the volunteer served in, newest first. Null, with an error, when the districts service cannot be asked: the rest of the answer stands.",
  })
  activities(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return ctx.loaders.volunteerActivities.load(Number(volunteer.id));
  }
}
