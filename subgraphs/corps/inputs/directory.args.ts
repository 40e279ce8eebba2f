// The arguments of Query.expertDirectory: filters and the page.
import { ArgsType, Field, ID } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { PageArgs } from "../../shared/pagination";
import { ServiceCategory, ServiceForm } from "../../shared/vocabulary";
import { ExpertType } from "../vocabulary";

/** type-graphql prints inherited args first: first, after, then the filters. */
@ArgsType()
export class ExpertDirectoryArgs extends PageArgs {
  @Field(() => ServiceCategory, { nullable: true, description: "Only experts of this category." })
  category?: ServiceCategory | null;

  @Field(() => ExpertType, { nullable: true, description: "Only experts of this kind." })
  expertType?: ExpertType | null;

  @Field(() => ID, {
    nullable: true,
    description: "Only experts of this district's regional branch (a district code).",
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: "districtCode must be a 6-digit district code, e.g. 440305" })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Only experts of this branch (支队)." })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'branchId must be the id of a branch, e.g. "3"' })
  branchId?: string | null;

  @Field(() => ServiceForm, {
    nullable: true,
    description: "Only experts who serve this way (an agreement for BOTH serves either).",
  })
  form?: ServiceForm | null;
}
