import { Field, ID, InputType } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { FocusGroup, ServiceCategory } from "../../shared/vocabulary";
import { SingleLine } from "../../shared/validation/text";
import { IsDistrictCode } from "../../shared/validation/district-code";

@InputType({
  description:
    "A demand an enterprise submits itself (线上诉求), signed in as ENTERPRISE: its credit code is its token's.",
})
export class SubmitDemandInput {
  @Field(() => ID, { description: "The district whose queue it enters (e.g. 440305 南山区)." })
  @IsDistrictCode()
  districtCode: string;

  @Field({
    nullable: true,
    description:
      "A FILED station of that district, when the enterprise knows one; else the district routes it.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: "stationExternalId must be a station's externalId",
  })
  stationExternalId?: string;

  @Field()
  @Chars(2, 200, { message: "enterpriseName must be 2-200 characters" })
  @SingleLine()
  enterpriseName: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => FocusGroup, { nullable: true })
  focusGroup?: FocusGroup;

  @Field({ nullable: true })
  specialised?: boolean;

  @Field()
  @Chars(2, 2000, { message: "description must be 2-2000 characters" })
  description: string;
}
