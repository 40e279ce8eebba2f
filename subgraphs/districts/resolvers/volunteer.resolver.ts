import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from "type-graphql";
import { isStaff, type Caller } from "../../../runtime/auth";
import { badInput } from "../../../runtime/errors";
import { CurrentCaller } from "../../shared/auth";
import { starStanding } from "../../shared/stars";
import { RecordCorrection } from "../entities/record-correction.entity";
import { ServiceRecordEntry } from "../types/record-correction.types";
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

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Star level (星级) 0-5 of the verified service hours, at the thresholds of VOLUNTEER_STAR_HOURS (default 100, 300, 600, 1000, 1500 hours).",
  })
  async starLevel(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    const hours = await ctx.loaders.volunteerHours.load(Number(volunteer.id));
    return starStanding(hours, ctx.config.selfService.starHours).starLevel;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Verified hours still needed for the next star; null at five stars.",
  })
  async hoursToNextStar(@Root() volunteer: Volunteer, @Ctx() ctx: Ctx) {
    const hours = await ctx.loaders.volunteerHours.load(Number(volunteer.id));
    return starStanding(hours, ctx.config.selfService.starHours).hoursToNextStar;
  }

  @FieldResolver(() => [ServiceRecordEntry], {
    nullable: true,
    description:
      "Every activity the volunteer is recorded at, newest first, with its hours and whether they count: for the volunteer itself (VOLUNTEER) and the staff; null for anyone else.",
  })
  async serviceRecord(
    @Root() volunteer: Volunteer,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ): Promise<ServiceRecordEntry[] | null> {
    if (!ownOrStaff(caller, volunteer.id)) return null;
    const rows = await ctx.loaders.volunteerParticipations.load(Number(volunteer.id));
    const activities = await ctx.loaders.activity.loadMany(rows.map((p) => p.activityId));
    return rows
      .map((p, i) => ({ activity: activities[i], hours: p.hours, counted: p.verified }))
      .filter((e): e is ServiceRecordEntry => Boolean(e.activity) && !(e.activity instanceof Error))
      .sort(
        (a, b) =>
          b.activity.heldOn.localeCompare(a.activity.heldOn) || b.activity.id - a.activity.id,
      );
  }

  @FieldResolver(() => [RecordCorrection], {
    nullable: true,
    description:
      "The volunteer's record corrections, newest first: all for the volunteer itself and CITY_ADMIN, its own district's for a DISTRICT_OPERATOR; null for anyone else.",
  })
  async recordCorrections(
    @Root() volunteer: Volunteer,
    @CurrentCaller({ optional: true, allRoles: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    const isOwn = caller?.role === "VOLUNTEER" && caller.volunteerId === String(volunteer.id);
    if (!caller || (!isOwn && !["CITY_ADMIN", "DISTRICT_OPERATOR"].includes(caller.role)))
      return null;
    const rows = await ctx.loaders.volunteerCorrections.load(Number(volunteer.id));
    return caller.role === "DISTRICT_OPERATOR"
      ? rows.filter((c) => c.districtCode === caller.district)
      : rows;
  }
}

/** The volunteer itself, or the programme's staff. */
function ownOrStaff(caller: Caller | null, volunteerId: string) {
  if (caller?.role === "VOLUNTEER") return caller.volunteerId === String(volunteerId);
  return isStaff(caller);
}
