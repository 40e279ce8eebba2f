// What an enterprise sees of its demand's way (myDemands): every status change of the demand and
// every step of its bookings, with the time and the role that made it, never the official's name.
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum TimelineSubject {
  DEMAND = "DEMAND",
  BOOKING = "BOOKING",
}
registerEnumType(TimelineSubject, {
  name: "TimelineSubject",
  description: "What a timeline step moved: the demand itself, or one of its bookings.",
});

@ObjectType({
  description:
    "One step of a demand's way: a status change of the demand (its publication, submission, routing, 督办 and rating included) or a step of one of its bookings.",
})
export class TimelineStep {
  @Field(() => Date, { description: "When (UTC)." })
  at: Date;

  @Field(() => TimelineSubject)
  subject: TimelineSubject;

  @Field(() => ID, { nullable: true, description: "The booking, for a booking's step." })
  bookingId: string | null;

  @Field({
    description:
      "What was done: a DemandAction (PUBLISH, SUBMIT, ROUTE, MATCH, SERVE, ESCALATE, RATE, ...) or a BookingAction (REQUEST, ACCEPT, ...).",
  })
  action: string;

  @Field(() => String, {
    nullable: true,
    description: "The status before (the demand's or the booking's).",
  })
  fromStatus: string | null;

  @Field(() => String, { nullable: true, description: "The status after." })
  toStatus: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The role that acted (DISTRICT_OPERATOR, CITY_ADMIN, ENTERPRISE, ...); null for the system (督办, expiry) and for older steps. Never the person.",
  })
  actorRole: string | null;

  @Field(() => String, { nullable: true, description: "Why, or what the step did." })
  comment: string | null;
}
