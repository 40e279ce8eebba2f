// GraphQL-only types of bookings and matching: the page of bookings, the suggestions with their
// reasons, and the corps' service menu entry (an entity owned by corps, referenced by id).
import { Directive, Field, Float, ID, ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Booking } from "../entities/booking.entity";
import { SuggestionFactor } from "../vocabulary";
import { Volunteer } from "./volunteer.stub";

@ObjectType({ description: "A page of bookings, newest first." })
export class BookingConnection extends Connection(Booking) {}

@ObjectType({ description: "An entry of the corps' service menu (owned by corps)." })
@Directive('@key(fields: "id", resolvable: false)')
export class ServiceMenuItem {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "One reason of a suggestion and the points it gave." })
export class SuggestionReason {
  @Field(() => SuggestionFactor)
  factor: SuggestionFactor;

  @Field(() => Float, { description: "Points added (negative: taken off) by this reason." })
  points: number;

  @Field({
    description: "The reason in words, e.g. 融资类别匹配, 同区：南山区支队, 进行中的预约 2 个.",
  })
  text: string;
}

@ObjectType({ description: "An expert suggested for a demand, with the score and its reasons." })
export class ExpertSuggestion {
  @Field(() => Volunteer)
  volunteer: Volunteer;

  @Field(() => Float, { description: "The sum of the reasons' points; higher is a better fit." })
  score: number;

  @Field(() => [SuggestionReason], { description: "Why, factor by factor." })
  reasons: SuggestionReason[];
}
