import { Max, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { AgreementForm } from "../vocabulary";
import { DateWithin } from "../../shared/validation/dates";

@InputType({ description: "The service agreement (服务协议) signed at appointment." })
export class AgreementInput {
  @Field(() => AgreementForm, { description: "Serving online, offline or both." })
  form: AgreementForm;

  @Field(() => Int, { description: "Hours the volunteer commits to per year, 1 to 2000." })
  @Min(1, { message: "committedHoursPerYear must be at least 1" })
  @Max(2000, { message: "committedHoursPerYear must be at most 2000" })
  committedHoursPerYear: number;

  @Field(() => DateScalar, {
    description: "First day the agreement is valid; from 1949-10-01, at most ten years ahead.",
  })
  @DateWithin(10)
  validFrom: string;

  @Field(() => DateScalar, {
    description: "Last day the agreement is valid; not before validFrom, at most ten years ahead.",
  })
  @DateWithin(10)
  validTo: string;
}
