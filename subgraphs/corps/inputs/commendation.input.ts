import { Matches } from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { Field, InputType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { PastDate } from "../../shared/validation/dates";
import { SingleLine } from "../../shared/validation/text";

@InputType({ description: "A commendation (褒奖) to record." })
export class CommendationInput {
  @Field({ description: "The honour, e.g. 优秀专家志愿者; up to 200 characters." })
  @Matches(/\S/, { message: "title must not be blank" })
  @Chars(0, 200)
  @SingleLine()
  title: string;

  @Field(() => DateScalar, {
    description: "The day it was awarded; not in the future, not before 1949-10-01.",
  })
  @PastDate()
  awardedOn: string;

  @Field({ description: "Who awarded it, e.g. 深圳市中小企业服务局; up to 200 characters." })
  @Matches(/\S/, { message: "awardedBy must not be blank" })
  @Chars(0, 200)
  @SingleLine()
  awardedBy: string;
}
