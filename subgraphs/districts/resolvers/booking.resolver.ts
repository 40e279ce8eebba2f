// Bookings (预约): requested by the enterprise (signed in as ENTERPRISE, for a demand under its
// credit code) or its station's operator, answered by the expert's branch (CITY_ADMIN for now),
// cancelled by either side. Rules in services/bookings.service.ts and services/booking-rules.ts;
// who is who in services/booking-access.ts.
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { isSelfService, type Caller } from "../../../runtime/auth";
import { forbidden } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { CurrentCaller } from "../../shared/auth";
import type { SubgraphContext } from "../../shared/context";
import { maskName } from "../../shared/validation/name";
import { maskPhone } from "../../shared/validation/phone";
import { Activity } from "../entities/activity.entity";
import { Booking } from "../entities/booking.entity";
import { BookingEvent } from "../entities/booking-event.entity";
import { Demand } from "../entities/demand.entity";
import { BookingRequestInput, BookingsArgs } from "../inputs/booking.input";
import type { DistrictsLoaders } from "../loaders";
import { manages, owns } from "../services/booking-access";
import { effectiveStatus } from "../services/booking-rules";
import {
  bookingFor,
  cancelBooking,
  decideBooking,
  findBookings,
  requestBooking,
} from "../services/bookings.service";
import { BookingConnection, ServiceMenuItem } from "../types/booking.types";
import { Volunteer } from "../types/volunteer.stub";
import { BookingStatus } from "../vocabulary";

type Ctx = SubgraphContext<DistrictsLoaders>;

/** Every role reaches these resolvers as it is: booking-access.ts decides, the enterprise too. */
const ANY_ROLE = { optional: true, allRoles: true } as const;

@Resolver(() => Booking)
export class BookingResolver {
  @Query(() => Booking, {
    nullable: true,
    description:
      "One booking: for CITY_ADMIN, its district's operator and the enterprise whose demand it serves (ENTERPRISE); null otherwise (also when unknown).",
  })
  booking(
    @Arg("id", () => ID) id: string,
    @CurrentCaller(ANY_ROLE) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return bookingFor(ctx.db, caller, id);
  }

  @Query(() => BookingConnection, {
    description:
      "Bookings, newest first: CITY_ADMIN the city's (or one district's), a DISTRICT_OPERATOR its own district's, an ENTERPRISE its own demands'.",
  })
  bookings(
    @Args() args: BookingsArgs,
    @CurrentCaller(ANY_ROLE) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return findBookings(ctx.db, caller, args);
  }

  @Mutation(() => Booking, {
    description:
      "Asks for a one-on-one session with an expert for a demand: the enterprise itself (ENTERPRISE, a demand under its credit code; an expert in the directory), or the demand's DISTRICT_OPERATOR or CITY_ADMIN (any serving expert). The expert is checked with corps first; nothing is written when corps cannot answer (CONFLICT).",
  })
  requestBooking(
    @Arg("input", () => BookingRequestInput) input: BookingRequestInput,
    @CurrentCaller(ANY_ROLE) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return requestBooking(ctx.db, ctx.config, caller, ctx.audit, input);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Booking, {
    description:
      "The expert's branch (CITY_ADMIN for now) accepts a REQUESTED booking: the expert must still serve (asked of corps); an OPEN demand becomes MATCHED in the same transaction.",
  })
  acceptBooking(
    @Arg("id", () => ID) id: string,
    @Arg("comment", () => String, { nullable: true }) comment: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Ctx,
  ) {
    return decideBooking(ctx.db, ctx.config, ctx.audit, id, "accept", comment, expectedVersion);
  }

  @Authorized("CITY_ADMIN")
  @Mutation(() => Booking, {
    description: "The expert's branch declines a REQUESTED booking, saying why.",
  })
  declineBooking(
    @Arg("id", () => ID) id: string,
    @Arg("reason") reason: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Ctx,
  ) {
    return decideBooking(ctx.db, ctx.config, ctx.audit, id, "decline", reason, expectedVersion);
  }

  @Mutation(() => Booking, {
    description:
      "Cancels a REQUESTED or ACCEPTED booking, saying why: its district's operator, CITY_ADMIN, or the enterprise whose demand it serves (ENTERPRISE). A MATCHED demand whose only accepted booking this was is OPEN again.",
  })
  cancelBooking(
    @Arg("id", () => ID) id: string,
    @Arg("reason") reason: string,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @CurrentCaller(ANY_ROLE) caller: Caller | null,
    @Ctx() ctx: Ctx,
  ) {
    return cancelBooking(ctx.db, caller, ctx.audit, id, reason, expectedVersion);
  }

  @FieldResolver(() => BookingStatus, {
    description:
      "Where the booking is; a request unanswered after answerBy reads EXPIRED (and is stored so when next touched).",
  })
  status(@Root() booking: Booking): BookingStatus {
    return effectiveStatus(booking, today());
  }

  @FieldResolver(() => String, {
    description:
      "The enterprise's contact: full for CITY_ADMIN and the demand's district operator, masked otherwise.",
  })
  contactName(@Root() booking: Booking, @CurrentCaller({ optional: true }) caller: Caller | null) {
    return manages(caller, booking.districtCode)
      ? booking.contactName
      : maskName(booking.contactName);
  }

  @FieldResolver(() => String, {
    description:
      "The contact's mobile number: full for CITY_ADMIN and the demand's district operator, masked (138****5678) otherwise.",
  })
  contactPhone(@Root() booking: Booking, @CurrentCaller({ optional: true }) caller: Caller | null) {
    return manages(caller, booking.districtCode)
      ? booking.contactPhone
      : maskPhone(booking.contactPhone);
  }

  @FieldResolver(() => Demand, { description: "The demand the session is for." })
  demand(@Root() booking: Booking, @Ctx() ctx: Ctx) {
    return ctx.loaders.demand.load(booking.demandId);
  }

  @FieldResolver(() => Volunteer, { description: "The expert booked." })
  volunteer(@Root() booking: Booking): Volunteer {
    return { id: String(booking.volunteerId) };
  }

  @FieldResolver(() => ServiceMenuItem, {
    nullable: true,
    description: "The service menu entry asked for, if any.",
  })
  menuItem(@Root() booking: Booking): ServiceMenuItem | null {
    return booking.menuItemId === null ? null : { id: String(booking.menuItemId) };
  }

  @FieldResolver(() => Activity, {
    nullable: true,
    description: "The activity that served the booking, once COMPLETED.",
  })
  activity(@Root() booking: Booking, @Ctx() ctx: Ctx) {
    return booking.activityId === null ? null : ctx.loaders.activity.load(booking.activityId);
  }

  @FieldResolver(() => [BookingEvent], {
    description:
      "Every change, oldest first (audit trail): the staff who see the booking, and its enterprise.",
  })
  async history(
    @Root() booking: Booking,
    @CurrentCaller({ allRoles: true }) caller: Caller,
    @Ctx() ctx: Ctx,
  ) {
    if (isSelfService(caller) && !owns(caller, await ctx.loaders.demand.load(booking.demandId)))
      throw forbidden(`a booking's history is not for ${caller.role} callers it does not serve`);
    return ctx.loaders.bookingHistory.load(booking.id);
  }
}
