// Micro-video courses and video meetings: public lists, the corps office's writes, enterprises'
// sign-ups. Rules in services/courses.service.ts and services/meetings.service.ts.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Caller } from "../../../runtime/auth";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { VolunteerStatus } from "../../shared/vocabulary";
import { Course } from "../entities/course.entity";
import { CourseEvent } from "../entities/course-event.entity";
import { Volunteer } from "../entities/volunteer.entity";
import { CourseInput } from "../inputs/clinic.input";
import { CoursesArgs } from "../inputs/clinic.args";
import type { CorpsLoaders } from "../loaders";
import { findCourses, publishCourse, withdrawCourse } from "../services/courses.service";
import { District } from "../types/stubs";
import { CourseConnection } from "../types/clinic-connections";

type Ctx = SubgraphContext<CorpsLoaders>;

/** The expert of a course or meeting; anonymous callers see serving volunteers only. */
export async function expertOf(id: number, caller: Caller | null, ctx: Ctx) {
  const volunteer = await ctx.loaders.volunteer.load(id);
  return caller || volunteer?.status === VolunteerStatus.APPOINTED ? volunteer : null;
}

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => CourseConnection, {
    description: "Public: ACTIVE micro-video courses (微视频课程), newest first.",
  })
  courses(@Args() args: CoursesArgs, @Ctx() ctx: Ctx) {
    return findCourses(ctx.db, args);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Course, {
    description: "Publishes a micro-video course given by an APPOINTED volunteer.",
  })
  publishCourse(@Arg("input", () => CourseInput) input: CourseInput, @Ctx() ctx: Ctx) {
    return publishCourse(ctx.db, ctx.audit, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Course, { description: "Withdraws an ACTIVE course, with the reason." })
  withdrawCourse(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: Ctx) {
    return withdrawCourse(ctx.db, ctx.audit, id, reason);
  }

  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: "The expert; null for the public once the expert no longer serves.",
  })
  volunteer(
    @Root() course: Course,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return expertOf(course.volunteerId, caller, ctx);
  }

  @FieldResolver(() => District, { nullable: true, description: "The district it counts for." })
  district(@Root() course: Course): District | null {
    return course.districtCode ? { code: course.districtCode } : null;
  }

  @Authorized()
  @FieldResolver(() => [CourseEvent], {
    description: "Its publication and withdrawal, oldest first (audit trail; signed-in callers).",
  })
  history(@Root() course: Course, @Ctx() ctx: Ctx) {
    return ctx.loaders.courseHistory.load(course.id);
  }
}
