import { Field, ID, InputType } from "type-graphql";
import { IsOptional } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { PlatformKind } from "../vocabulary";

@InputType({
  description:
    "A district's recommendation of one of its FILED workstations for demonstration-platform status.",
})
export class RecommendationInput {
  @Field(() => ID, { description: "The workstation recommended: FILED, in your district." })
  stationId: string;

  @Field(() => PlatformKind, { description: "The kind of platform it should become." })
  kind: PlatformKind;

  @Field({ description: "The organisation that will operate the platform, 2-200 characters." })
  @Chars(2, 200, { message: "operatorName must be 2-200 characters" })
  operatorName: string;

  @Field(() => String, {
    nullable: true,
    description: "The platform's name; the station's name when left out.",
  })
  @IsOptional()
  @Chars(2, 200, { message: "name must be 2-200 characters" })
  name?: string | null;

  @Field({
    description: "The district's comment: why it recommends the station, 2-1000 characters.",
  })
  @Chars(2, 1000, { message: "comment must be 2-1000 characters" })
  comment: string;
}
