// At most two decimals (hours such as 2.25): what a DECIMAL(…, 2) column keeps, so a re-publish of
// the same value is recognised as unchanged. Unlike class-validator's IsNumber({ maxDecimalPlaces })
// it does not fail on numbers JavaScript prints in exponent form (1e-9).
import { ValidateBy, type ValidationOptions } from "class-validator";

export const hasTwoDecimals = (value: unknown) =>
  typeof value === "number" &&
  Number.isFinite(value) &&
  Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

export function TwoDecimals(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "twoDecimals",
      validator: {
        validate: hasTwoDecimals,
        defaultMessage: (args) => `${args?.property} has at most two decimals, e.g. 2.25`,
      },
    },
    options,
  );
}
