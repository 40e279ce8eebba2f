import { Field, InputType, Int } from "type-graphql";
import { IsOptional, Matches, Max, Min } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { FocusGroup, ServiceCategory } from "../../shared/vocabulary";
import { DateScalar } from "../../shared/scalars";
import { DemandStatus } from "../vocabulary";
import { EXTERNAL_ID, EXTERNAL_ID_MESSAGE } from "./station.input";
import { PastDate } from "../../shared/validation/dates";
import { SingleLine } from "../../shared/validation/text";

@InputType({ description: "One SME demand collected at a station of the publishing district." })
export class DemandInput {
  @Field()
  @Matches(EXTERNAL_ID, { message: EXTERNAL_ID_MESSAGE })
  externalId: string;

  @Field({ description: "The externalId of a station of the same district." })
  @Matches(EXTERNAL_ID, { message: "stationExternalId must be a station's externalId" })
  stationExternalId: string;

  @Field()
  @Chars(2, 200, { message: "enterpriseName must be 2-200 characters" })
  @SingleLine()
  enterpriseName: string;

  @Field({ description: "统一社会信用代码: 18 characters with the GB 32100 check character." })
  creditCode: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => FocusGroup, { nullable: true })
  focusGroup?: FocusGroup;

  @Field({ nullable: true })
  specialised?: boolean;

  @Field()
  @Chars(2, 2000, { message: "description must be 2-2000 characters" })
  description: string;

  @Field(() => DemandStatus, {
    nullable: true,
    description: "Defaults to OPEN for a new demand; a published demand keeps its stored status.",
  })
  status?: DemandStatus;

  @Field(() => DateScalar, { description: "Not in the future, not before 1949-10-01." })
  @PastDate()
  collectedOn: string;

  @Field(() => Int, { nullable: true, description: "1-5, only for a RESOLVED demand." })
  @IsOptional()
  @Min(1, { message: "satisfaction must be 1-5" })
  @Max(5, { message: "satisfaction must be 1-5" })
  satisfaction?: number;
}
