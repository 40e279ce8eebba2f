// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last a check
// character computed from the first 17 with fixed weights modulo 31. Checked where demands are
// published (subgraphs) and where an ENTERPRISE token is read (runtime/auth.ts).
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** null when valid, otherwise a sentence a clerk can act on. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `creditCode ${code}: must be 18 characters, not ${code.length}`;
  const bad = [...code].find((c) => !ALPHABET.includes(c));
  if (bad)
    return `creditCode ${code}: "${bad}" is not allowed (digits and capitals except I, O, S, V, Z)`;
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `creditCode ${code}: the check character should be ${expected}`;
  return null;
}

/** 9144030****0013: the first 7 and last 4 characters, the rest hidden (for audit actors, logs). */
export const maskCreditCode = (code: string) =>
  code.length > 11 ? `${code.slice(0, 7)}${"*".repeat(code.length - 11)}${code.slice(-4)}` : "*";
