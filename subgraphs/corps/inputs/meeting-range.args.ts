// The from/to arguments of District.meetingCount: Shenzhen dates, both ends inclusive.
import { ArgsType, Field } from "type-graphql";
import { DateScalar } from "../../shared/scalars";

@ArgsType()
export class MeetingRangeArgs {
  @Field(() => DateScalar, { description: "First day, inclusive (Shenzhen date)." })
  from: string;

  @Field(() => DateScalar, { description: "Last day, inclusive; at most ten years after from." })
  to: string;
}
