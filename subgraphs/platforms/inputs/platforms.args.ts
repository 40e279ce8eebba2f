// The arguments of Query.platforms: filters and the page.
import { ArgsType, Field, ID } from "type-graphql";
import { IsOptional } from "class-validator";
import { PageArgs } from "../../shared/pagination";
import { IsDistrictCode } from "../../shared/validation/district-code";
import { PlatformKind, PlatformStatus } from "../vocabulary";

/** type-graphql prints inherited args first: first, after, then the filters. */
@ArgsType()
export class PlatformsArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Only this district's platforms: one of the city's district codes, e.g. 440305.",
  })
  @IsOptional()
  @IsDistrictCode()
  districtCode?: string | null;

  @Field(() => PlatformKind, { nullable: true, description: "Only platforms of this kind." })
  kind?: PlatformKind | null;

  @Field(() => PlatformStatus, { nullable: true, description: "Only platforms in this status." })
  status?: PlatformStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only platforms whose mentor requirement is met (true) or not met (false), judged on the mentors' status in corps now.",
  })
  mentorRequirementMet?: boolean | null;
}
