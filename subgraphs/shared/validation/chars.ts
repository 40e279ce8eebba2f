// Text length as MySQL counts it for utf8mb4 VARCHAR(n): in code points. class-validator's Length
// does not count variation selectors (the U+FE0F of "❤️"), so a value it accepts could still be too
// long for the column; this decorator agrees with the database.
import { ValidateBy, type ValidationOptions } from "class-validator";

/** A UTF-16 surrogate: without one, every code unit is a code point. */
const SURROGATE = /[\ud800-\udfff]/;

export const codePoints = (value: string) =>
  SURROGATE.test(value) ? Array.from(value).length : value.length;

export function Chars(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "chars",
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== "string") return false;
          const length = codePoints(value);
          return length >= min && length <= max;
        },
        defaultMessage: (args) =>
          `${args?.property} must be ${min === 0 ? `at most ${max}` : `${min}-${max}`} characters`,
      },
    },
    options,
  );
}
