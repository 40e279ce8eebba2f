import { IsOptional, Matches, Max, Min } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { Field, Float, InputType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { PastDate } from "../../shared/validation/dates";
import { SingleLine } from "../../shared/validation/text";

@InputType({ description: "A completed training (培训) to record." })
export class TrainingInput {
  @Field({ description: "What the training was; up to 200 characters." })
  @Matches(/\S/, { message: "title must not be blank" })
  @Chars(0, 200)
  @SingleLine()
  title: string;

  @Field(() => String, { nullable: true, description: "Who gave it; up to 200 characters." })
  @IsOptional()
  @Chars(0, 200)
  @SingleLine()
  provider?: string | null;

  @Field(() => DateScalar, {
    description: "The day it was completed; not in the future, not before 1949-10-01.",
  })
  @PastDate()
  completedOn: string;

  @Field(() => Float, { description: "Training hours, more than 0 and at most 1000." })
  @Min(0.25, { message: "hours must be at least 0.25" })
  @Max(1000, { message: "hours must be at most 1000" })
  hours: number;
}
