import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, Matches } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { ServiceCategory } from "../../shared/vocabulary";
import { StationHostType } from "../vocabulary";
import { SingleLine } from "../../shared/validation/text";

export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const EXTERNAL_ID_MESSAGE = "externalId must be 1-64 letters, digits, '.', '_' or '-'";

@InputType({
  description: "One workstation as the district agency publishes it; keyed by externalId.",
})
export class StationInput {
  @Field()
  @Matches(EXTERNAL_ID, { message: EXTERNAL_ID_MESSAGE })
  externalId: string;

  @Field()
  @Chars(2, 200, { message: "name must be 2-200 characters" })
  @SingleLine()
  name: string;

  @Field(() => StationHostType)
  hostType: StationHostType;

  @Field()
  @Chars(5, 300, { message: "address must be 5-300 characters" })
  @SingleLine()
  address: string;

  @Field(() => [ServiceCategory])
  @ArrayMinSize(1, { message: "categories must name at least one service category" })
  @ArrayUnique({ message: "categories must not repeat a category" })
  @ArrayMaxSize(10)
  categories: ServiceCategory[];

  @Field({ nullable: true })
  @IsOptional()
  @Chars(2, 60, { message: "contactName must be 2-60 characters" })
  @SingleLine()
  contactName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, {
    message:
      "contactPhone must be a mainland mobile (13812345678) or landline (0755-86001234) number",
  })
  contactPhone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Chars(0, 500)
  venue?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Chars(0, 500)
  equipment?: string;
}
