import { Field, ID, InputType } from "type-graphql";
import { IsOptional } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { IsDistrictCode } from "../../shared/validation/district-code";
import { PlatformKind } from "../vocabulary";

@InputType({ description: "An application for demonstration-platform status." })
export class PlatformInput {
  @Field({ description: "The platform's name, 2-200 characters." })
  @Chars(2, 200, { message: "name must be 2-200 characters" })
  name: string;

  @Field(() => PlatformKind)
  kind: PlatformKind;

  @Field({ description: "The organisation that operates it, 2-200 characters." })
  @Chars(2, 200, { message: "operatorName must be 2-200 characters" })
  operatorName: string;

  @Field(() => ID, { description: "The district it is in (a code such as 440305)." })
  @IsDistrictCode()
  districtCode: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The workstation it grows from, if any: it must exist, be FILED and be in the same district.",
  })
  @IsOptional()
  sourceStationId?: string | null;
}
