// What districts adds to corps' Volunteer from bookings: the current load and the satisfaction of
// the enterprises served (the directory shows both). Batched: one GROUP BY per request.
import { Ctx, FieldResolver, Float, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import type { DistrictsLoaders } from "../loaders";
import { Volunteer } from "../types/volunteer.stub";

type Ctx = SubgraphContext<DistrictsLoaders>;

@Resolver(() => Volunteer)
export class VolunteerBookingsResolver {
  @FieldResolver(() => Int, {
    description: "Open bookings now: REQUESTED (not expired) or ACCEPTED.",
  })
  async openBookingCount(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.volunteerBookings.load(Number(volunteer.id))).openBookings;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Mean satisfaction (1-5) of the enterprises whose demands the volunteer's completed bookings served; null before the first rating.",
  })
  async meanSatisfaction(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.volunteerBookings.load(Number(volunteer.id))).meanSatisfaction;
  }

  @FieldResolver(() => Int, { description: "How many ratings meanSatisfaction is made of." })
  async ratedServiceCount(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.volunteerBookings.load(Number(volunteer.id))).rated;
  }
}
