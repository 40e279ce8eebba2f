// The arguments of Query.platforms: an optional district and the page.
import { ArgsType, Field, ID } from "type-graphql";
import { PageArgs } from "../../shared/pagination";

/** type-graphql prints inherited args first: first, after, then districtCode, as before. */
@ArgsType()
export class PlatformsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  districtCode?: string | null;
}
