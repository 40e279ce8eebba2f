// Video meetings: the public list, the corps office's scheduling, enterprises' sign-ups; the join
// link goes to those who sign up and to signed-in callers. Rules in services/meetings.service.ts.
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
import { maskName } from "../../shared/validation/name";
import { maskPhone } from "../../shared/validation/phone";
import { Meeting } from "../entities/meeting.entity";
import { MeetingEvent } from "../entities/meeting-event.entity";
import { MeetingSignUp } from "../entities/meeting-sign-up.entity";
import { Volunteer } from "../entities/volunteer.entity";
import { MeetingInput, MeetingSignUpInput } from "../inputs/clinic.input";
import { MeetingsArgs } from "../inputs/clinic.args";
import type { CorpsLoaders } from "../loaders";
import { cancelMeeting, findMeetings, scheduleMeeting, signUp } from "../services/meetings.service";
import { District } from "../types/stubs";
import { MeetingConnection, MeetingSignUpResult } from "../types/clinic-connections";
import { expertOf } from "./course.resolver";

type Ctx = SubgraphContext<CorpsLoaders>;

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => MeetingConnection, {
    description:
      "Public: SCHEDULED video meetings (视频会议), earliest first; by default those not yet started.",
  })
  meetings(@Args() args: MeetingsArgs, @Ctx() ctx: Ctx) {
    return findMeetings(ctx.db, args);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Meeting, { description: "Schedules a video meeting hosted by an expert." })
  scheduleMeeting(@Arg("input", () => MeetingInput) input: MeetingInput, @Ctx() ctx: Ctx) {
    return scheduleMeeting(ctx.db, ctx.audit, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Meeting, { description: "Cancels a SCHEDULED meeting, with the reason." })
  cancelMeeting(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: Ctx) {
    return cancelMeeting(ctx.db, ctx.audit, id, reason);
  }

  @Mutation(() => MeetingSignUpResult, {
    description:
      "An enterprise signs up for a meeting (no token needed; counted in the gateway's budget of anonymous writes). CONFLICT when it is cancelled, started or full, or the phone number is already signed up.",
  })
  async signUpForMeeting(
    @Arg("meetingId", () => ID) meetingId: string,
    @Arg("input", () => MeetingSignUpInput) input: MeetingSignUpInput,
    @Ctx() ctx: Ctx,
  ): Promise<MeetingSignUpResult> {
    const result = await signUp(ctx.db, meetingId, input);
    return { ...result, joinUrl: result.meeting.url };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The join link: for signed-in callers (the public gets it by signing up).",
  })
  url(@Root() meeting: Meeting, @CurrentCaller({ optional: true }) caller: Caller | null) {
    return caller ? meeting.url : null;
  }

  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: "The hosting expert; null for the public once the expert no longer serves.",
  })
  volunteer(
    @Root() meeting: Meeting,
    @CurrentCaller({ optional: true }) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return expertOf(meeting.volunteerId, caller, ctx);
  }

  @FieldResolver(() => District, { nullable: true, description: "The district it counts for." })
  district(@Root() meeting: Meeting): District | null {
    return meeting.districtCode ? { code: meeting.districtCode } : null;
  }

  @Authorized("CITY_ADMIN")
  @FieldResolver(() => [MeetingSignUp], { description: "Who signed up, first first (CITY_ADMIN)." })
  signUps(@Root() meeting: Meeting, @Ctx() ctx: Ctx) {
    return ctx.loaders.signUps.load(meeting.id);
  }

  @Authorized()
  @FieldResolver(() => [MeetingEvent], {
    description: "Its scheduling and cancellation, oldest first (audit trail; signed-in callers).",
  })
  history(@Root() meeting: Meeting, @Ctx() ctx: Ctx) {
    return ctx.loaders.meetingHistory.load(meeting.id);
  }
}

@Resolver(() => MeetingSignUp)
export class MeetingSignUpResolver {
  @FieldResolver(() => String, {
    description: "Who will join: full for CITY_ADMIN, masked for everyone else.",
  })
  contactName(
    @Root() row: MeetingSignUp,
    @CurrentCaller({ optional: true }) caller: Caller | null,
  ) {
    return caller?.role === "CITY_ADMIN" ? row.contactName : maskName(row.contactName);
  }

  @FieldResolver(() => String, {
    description: "Mobile number: full for CITY_ADMIN, masked (138****5678) for everyone else.",
  })
  contactPhone(
    @Root() row: MeetingSignUp,
    @CurrentCaller({ optional: true }) caller: Caller | null,
  ) {
    return caller?.role === "CITY_ADMIN" ? row.contactPhone : maskPhone(row.contactPhone);
  }
}
