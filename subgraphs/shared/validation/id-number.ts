// 公民身份号码 (GB 11643-1999): 17 digits and a check character (0-9 or X) from ISO 7064 MOD 11-2.
import { isIsoDate } from "../../../runtime/dates";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function idNumberProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return `idNumber ${mask(id)}: must be 17 digits and a digit or X`;
  const birth = id.slice(6, 14);
  if (!isIsoDate(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`)) {
    return `idNumber ${mask(id)}: the birth date ${birth} is not a real date`;
  }
  const expected = idNumberCheckChar(id.slice(0, 17));
  if (id[17] !== expected) return `idNumber ${mask(id)}: the check character should be ${expected}`;
  return null;
}

/** Keeps the first 3 and last 4 characters: 440***********123X. */
export function mask(value: string): string {
  if (value.length <= 7) return "*".repeat(value.length);
  return `${value.slice(0, 3)}${"*".repeat(value.length - 7)}${value.slice(-4)}`;
}
