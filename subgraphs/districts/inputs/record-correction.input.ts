// A volunteer's request to correct its hours at one activity (docs/self-service.md).
import { ArgsType, Field, Float, ID, InputType } from "type-graphql";
import { IsOptional, Matches, Max, Min } from "class-validator";
import { PageArgs } from "../../shared/pagination";
import { Chars } from "../../shared/validation/chars";
import { TwoDecimals } from "../../shared/validation/decimals";

@InputType({
  description:
    "A volunteer asks the district that recorded an activity to correct its hours there, or to add its participation.",
})
export class RecordCorrectionInput {
  @Field(() => ID, { description: "The activity, as the district recorded it." })
  @Matches(/^\d{1,9}$/, { message: "activityId must be an activity's id" })
  activityId: string;

  @Field(() => Float, {
    description: "The hours the volunteer served there, 0.5 to 24, at most two decimals.",
  })
  @TwoDecimals()
  @Min(0.5, { message: "claimedHours must be between 0.5 and 24" })
  @Max(24, { message: "claimedHours must be between 0.5 and 24" })
  claimedHours: number;

  @Field({ description: "Why the record is wrong, 2-500 characters." })
  @Chars(2, 500, { message: "reason must be 2-500 characters" })
  reason: string;
}

@ArgsType()
export class OpenCorrectionsArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "The district (CITY_ADMIN: any, or all when omitted; an operator: its own).",
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: "districtCode must be a 6-digit district code" })
  districtCode?: string | null;
}
