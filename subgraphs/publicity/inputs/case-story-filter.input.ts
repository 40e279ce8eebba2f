import { Field, ID, InputType } from "type-graphql";
import { IsOptional, Length, Matches, MaxLength } from "class-validator";
import { ServiceCategory } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { StoryStatus } from "../vocabulary";

@InputType({ description: "Narrows a list of case stories; every field is optional." })
export class CaseStoryFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(6, 6, { message: "districtCode must be a 6-digit district code such as 440305" })
  districtCode?: string;

  @Field(() => ServiceCategory, { nullable: true })
  category?: ServiceCategory;

  @Field({ nullable: true, description: "Words to find in the title, summary or body." })
  @IsOptional()
  @MaxLength(100)
  search?: string;

  @Field(() => DateScalar, { nullable: true, description: "Published on or after this date." })
  publishedFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: "Published on or before this date." })
  publishedTo?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(/^\d+$/, { message: "volunteerId must be a volunteer's id" })
  volunteerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(/^\d+$/, { message: "stationId must be a station's id" })
  stationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(/^\d+$/, { message: "platformId must be a platform's id" })
  platformId?: string;

  @Field(() => StoryStatus, {
    nullable: true,
    description: "Editors only; everybody else sees PUBLISHED stories.",
  })
  status?: StoryStatus;
}
