import { Args, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../shared/context";
import { checkDateRange } from "../../shared/validation/date-range";
import { District } from "../types/stubs";
import { MeetingRangeArgs } from "../inputs/meeting-range.args";
import type { CorpsLoaders } from "../loaders";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => District)
export class DistrictVolunteersResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Appointed volunteers in the district's regional branches. Null, with an error, when the corps service cannot be asked: the rest of the answer stands.",
  })
  volunteerCount(@Root() district: District, @Ctx() ctx: Ctx) {
    return ctx.loaders.districtVolunteerCount.load(district.code);
  }

  @FieldResolver(() => Int, {
    description: "ACTIVE micro-video courses (微视频课程) counted for the district now.",
  })
  courseCount(@Root() district: District, @Ctx() ctx: Ctx) {
    return ctx.loaders.courseCount.load(district.code);
  }

  @FieldResolver(() => Int, {
    description:
      "Video meetings (视频会议) of the district, not cancelled, starting from `from` to `to` (Shenzhen dates, inclusive).",
  })
  meetingCount(@Root() district: District, @Args() range: MeetingRangeArgs, @Ctx() ctx: Ctx) {
    return ctx.loaders.meetingCount(checkDateRange(range.from, range.to)).load(district.code);
  }
}
