import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsOptional,
  Matches,
  ValidateBy,
  type ValidationOptions,
} from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { Field, ID, InputType } from "type-graphql";
import { ServiceCategory } from "../../shared/vocabulary";
import { idNumberProblem } from "../../shared/validation/id-number";
import { MOBILE } from "../../shared/validation/phone";
import { ExpertType } from "../vocabulary";
import { SingleLine } from "../../shared/validation/text";

/** GB 11643 ID number; the message masks the number (it is personal data). */
function IsIdNumber(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: "isIdNumber",
      validator: {
        validate: (value) => typeof value === "string" && idNumberProblem(value) === null,
        defaultMessage: (args) =>
          idNumberProblem(String(args?.value ?? "")) ?? "idNumber is not valid",
      },
    },
    options,
  );
}

@InputType({ description: "An application to join the corps (专家志愿者报名)." })
export class VolunteerInput {
  @Field({ description: "Full name, 1 to 60 characters." })
  @Matches(/\S/, { message: "name must not be blank" })
  @Chars(0, 60)
  @SingleLine()
  name: string;

  @Field(() => ExpertType, { description: "The kind of expert." })
  expertType: ExpertType;

  @Field(() => [ServiceCategory], {
    description: "Categories of expertise: at least one, no repeats.",
  })
  @ArrayMinSize(1, { message: "categories: choose at least one service category" })
  @ArrayMaxSize(10)
  @ArrayUnique({ message: "categories: each category may appear only once" })
  categories: ServiceCategory[];

  @Field(() => String, {
    nullable: true,
    description: "Employer (工作单位), if any; up to 200 characters.",
  })
  @IsOptional()
  @Chars(0, 200)
  @SingleLine()
  employer?: string | null;

  @Field({ description: "Retired (退休) rather than serving in post." })
  retired: boolean;

  @Field({ description: "Mainland mobile number, 11 digits starting 13-19 (personal data)." })
  @Matches(MOBILE, {
    message:
      "contactPhone must be an 11-digit mainland mobile number starting 13-19, e.g. 13812345678",
  })
  contactPhone: string;

  @Field({
    description:
      "公民身份号码: 17 digits and a GB 11643 check character (0-9 or X) (personal data).",
  })
  @IsIdNumber()
  idNumber: string;

  @Field(() => ID, { description: "The branch team (支队) to join; see the branches query." })
  @Matches(/^\d+$/, { message: 'branchId must be the id of a branch, e.g. "3"' })
  branchId: string;
}
