import { Field, InputType, Int } from "type-graphql";
import { IsInt, IsOptional, Matches, Max, Min } from "class-validator";
import { Chars } from "../../shared/validation/chars";

@InputType({
  description: "A yearly performance review (绩效考评); the grade follows from the score.",
})
export class PerformanceReviewInput {
  @Field({ description: "The year reviewed, e.g. 2025: not before the certification, not ahead." })
  @Matches(/^\d{4}$/, { message: "period must be a year, e.g. 2025" })
  period: string;

  @Field(() => Int, { description: "The score, 0 to 100." })
  @IsInt({ message: "score must be a whole number" })
  @Min(0, { message: "score must be between 0 and 100" })
  @Max(100, { message: "score must be between 0 and 100" })
  score: number;

  @Field(() => String, {
    nullable: true,
    description: "The reviewers' remarks, up to 1000 characters.",
  })
  @IsOptional()
  @Chars(0, 1000, { message: "comment must be at most 1000 characters" })
  comment?: string | null;
}
