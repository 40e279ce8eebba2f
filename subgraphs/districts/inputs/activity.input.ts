import { Field, Float, ID, InputType, Int } from "type-graphql";
import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { TwoDecimals } from "../../shared/validation/decimals";
import { ServiceCategory } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { ActivityType } from "../vocabulary";
import { EXTERNAL_ID, EXTERNAL_ID_MESSAGE } from "./station.input";
import { PastDate } from "../../shared/validation/dates";
import { SingleLine } from "../../shared/validation/text";

@InputType({ description: "A volunteer's hours at an activity." })
export class ParticipantInput {
  @Field(() => ID)
  @Matches(/^\d+$/, { message: "volunteerId must be a volunteer's id" })
  volunteerId: string;

  @Field(() => Float)
  @TwoDecimals()
  @Min(0.5, { message: "hours must be between 0.5 and 24" })
  @Max(24, { message: "hours must be between 0.5 and 24" })
  hours: number;
}

@InputType({ description: "One activity; without stationExternalId it was held online." })
export class ActivityInput {
  @Field()
  @Matches(EXTERNAL_ID, { message: EXTERNAL_ID_MESSAGE })
  externalId: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(EXTERNAL_ID, { message: "stationExternalId must be a station's externalId" })
  stationExternalId?: string;

  @Field(() => ActivityType)
  type: ActivityType;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field()
  @Chars(2, 200, { message: "title must be 2-200 characters" })
  @SingleLine()
  title: string;

  @Field(() => DateScalar, { description: "Not in the future, not before 1949-10-01." })
  @PastDate("publish activities once held")
  heldOn: string;

  @Field(() => Float, { nullable: true, description: "Must be 0: volunteer service is free." })
  feeCharged?: number;

  @Field(() => Int)
  @Min(0, { message: "enterprisesServed cannot be negative" })
  @Max(100000)
  enterprisesServed: number;

  @Field(() => [ParticipantInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  participants: ParticipantInput[];

  @Field(() => ID, {
    nullable: true,
    description:
      "The booking (预约) this one-on-one session served: an ACCEPTED booking of the district whose expert is among the participants. The booking becomes COMPLETED and its demand IN_SERVICE (RESOLVED with satisfaction). Once linked, a session's booking cannot change.",
  })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: "bookingId must be a booking's id" })
  bookingId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The enterprise's satisfaction with the booked session, 1-5 (with bookingId): resolves the demand.",
  })
  @IsOptional()
  @Min(1, { message: "satisfaction must be 1-5" })
  @Max(5, { message: "satisfaction must be 1-5" })
  satisfaction?: number | null;
}
