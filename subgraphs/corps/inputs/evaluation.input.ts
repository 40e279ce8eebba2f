import { IsInt, IsOptional, Matches, Max, Min } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { Field, InputType, Int } from "type-graphql";

@InputType({
  description: "A periodic evaluation (考评) to record; the grade follows from the score.",
})
export class EvaluationInput {
  @Field({ description: "The period: a year (2025), a half (2025-H1) or a quarter (2025-Q3)." })
  @Matches(/^(19|20)\d{2}(-(H[12]|Q[1-4]))?$/, {
    message: "period must be a year (2025), a half (2025-H1) or a quarter (2025-Q3)",
  })
  period: string;

  @Field(() => Int, { description: "The score, 0 to 100." })
  @IsInt()
  @Min(0, { message: "score must be between 0 and 100" })
  @Max(100, { message: "score must be between 0 and 100" })
  score: number;

  @Field(() => String, {
    nullable: true,
    description: "The evaluator's remarks; up to 500 characters.",
  })
  @IsOptional()
  @Chars(0, 500)
  comment?: string | null;
}
