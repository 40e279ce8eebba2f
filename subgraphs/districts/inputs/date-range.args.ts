// The from/to arguments of every dashboard figure: Shenzhen dates, both ends inclusive.
import { ArgsType, Field, ID } from "type-graphql";
import { DateScalar } from "../../shared/scalars";

@ArgsType()
export class DateRangeArgs {
  @Field(() => DateScalar, { description: "First day, inclusive (Shenzhen date)." })
  from: string;

  @Field(() => DateScalar, { description: "Last day, inclusive; at most ten years after from." })
  to: string;
}

@ArgsType()
export class ScopedRangeArgs extends DateRangeArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      "Restrict to one district. A DISTRICT_OPERATOR always gets its own district's figures.",
  })
  districtCode?: string | null;
}
