import { Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { AgreementForm } from "../vocabulary";

@ObjectType({ description: "The service agreement (服务协议) signed at appointment." })
export class Agreement {
  @Field(() => AgreementForm)
  form: AgreementForm;

  @Field(() => Int)
  committedHoursPerYear: number;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar)
  validTo: string;
}
