// The arguments of the public course and meeting lists: filters and the page.
import { ArgsType, Field, ID } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { PageArgs } from "../../shared/pagination";
import { DateScalar } from "../../shared/scalars";
import { ServiceCategory } from "../../shared/vocabulary";

@ArgsType()
class ClinicListArgs extends PageArgs {
  @Field(() => ServiceCategory, { nullable: true, description: "Only this category." })
  category?: ServiceCategory | null;

  @Field(() => ID, { nullable: true, description: "Only those counted for this district." })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: "districtCode must be a 6-digit district code, e.g. 440305" })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this expert's." })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: "volunteerId must be a volunteer's id" })
  volunteerId?: string | null;
}

@ArgsType()
export class CoursesArgs extends ClinicListArgs {}

@ArgsType()
export class MeetingsArgs extends ClinicListArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "First day, inclusive (Shenzhen date); with `to`. Default: meetings not yet started.",
  })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day, inclusive; with `from`." })
  to?: string | null;
}
