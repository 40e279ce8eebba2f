// The inputs of bookings: a request (by the enterprise itself, signed in, or by its station's
// operator) and the list's filters.
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { PageArgs } from "../../shared/pagination";
import { Chars } from "../../shared/validation/chars";
import { MOBILE } from "../../shared/validation/phone";
import { ServiceForm } from "../../shared/vocabulary";
import { BookingStatus } from "../vocabulary";

const ROW_ID = /^\d{1,9}$/;

@InputType({
  description:
    "A request for a one-on-one session with an expert for one demand: by the enterprise itself (signed in as ENTERPRISE) or by its station's operator.",
})
export class BookingRequestInput {
  @Field(() => ID, { description: "The demand, as the station recorded it." })
  @Matches(ROW_ID, { message: "demandId must be a demand's id" })
  demandId: string;

  @Field(() => ID, { description: "The expert chosen, from the expert directory." })
  @Matches(ROW_ID, { message: "volunteerId must be an expert's id" })
  volunteerId: string;

  @Field(() => ServiceForm, { description: "Online (video) or offline (at the station)." })
  form: ServiceForm;

  @Field(() => ID, {
    nullable: true,
    description: "The service menu entry asked for, if any; of the demand's category.",
  })
  @IsOptional()
  @Matches(ROW_ID, { message: "menuItemId must be a service menu entry's id" })
  menuItemId?: string | null;

  @Field({ description: "What the enterprise wants from the session, 2-500 characters." })
  @Chars(2, 500, { message: "message must be 2-500 characters" })
  message: string;

  @Field({ description: "Who the expert should contact, 1-60 characters (personal data)." })
  @Matches(/\S/, { message: "contactName must not be blank" })
  @Chars(1, 60, { message: "contactName must be 1-60 characters" })
  contactName: string;

  @Field({ description: "Mainland mobile number of the contact (personal data)." })
  @Matches(MOBILE, {
    message:
      "contactPhone must be an 11-digit mainland mobile number starting 13-19, e.g. 13812345678",
  })
  contactPhone: string;
}

@ArgsType()
export class BookingsArgs extends PageArgs {
  @Field(() => BookingStatus, {
    nullable: true,
    description: "Only bookings in this status (as every read shows it: expiry applied).",
  })
  status?: BookingStatus | null;

  @Field(() => ID, {
    nullable: true,
    description: "Only this district's. A DISTRICT_OPERATOR always gets its own district.",
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: "districtCode must be a 6-digit district code, e.g. 440305" })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this expert's." })
  @IsOptional()
  @Matches(ROW_ID, { message: "volunteerId must be an expert's id" })
  volunteerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this demand's." })
  @IsOptional()
  @Matches(ROW_ID, { message: "demandId must be a demand's id" })
  demandId?: string | null;
}
