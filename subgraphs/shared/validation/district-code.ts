// A district code as an argument or input field: exactly one of Shenzhen's (DISTRICTS in
// subgraphs/shared/vocabulary.ts). "abc" would match nothing, and "440305 " would match 440305 on
// MySQL's PAD SPACE collations but nothing on SQLite; both are refused, naming the field.
import { IsIn, type ValidationOptions } from "class-validator";
import { DISTRICTS } from "../vocabulary";

export function IsDistrictCode(options?: ValidationOptions): PropertyDecorator {
  return IsIn(
    DISTRICTS.map((d) => d.code),
    {
      message: ({ property }) =>
        `${property} must be one of Shenzhen's district codes, e.g. 440305 (南山区); the districts query lists them`,
      ...options,
    },
  );
}
