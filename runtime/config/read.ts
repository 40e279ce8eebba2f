// What every config section parses with: the environment, and one list that collects every
// problem so that they are all reported together.
export type Env = Readonly<Record<string, string | undefined>>;

export class Problems {
  readonly list: string[] = [];
  add(problem: string) {
    this.list.push(problem);
  }
}

/** A variable's value, with "" meaning unset. */
export const value = (env: Env, key: string): string | undefined =>
  env[key] === undefined || env[key] === "" ? undefined : env[key];

/** An integer within [min, max], or the fallback (with a problem) when it is not one. */
export function integer(
  env: Env,
  problems: Problems,
  key: string,
  fallback: number,
  bounds: { min?: number; max?: number; what?: string } = {},
): number {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = bounds;
  const what = bounds.what ?? `an integer of at least ${min}`;
  const raw = value(env, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems.add(`${key}=${raw} must be ${what}`);
    return fallback;
  }
  return n;
}

/** "1"/"true"/"yes" or "0"/"false"/"no"; anything else is a problem. */
export function flag(env: Env, problems: Problems, key: string, fallback: boolean): boolean {
  const raw = value(env, key);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.add(`${key}=${raw} must be 1 or 0`);
  return fallback;
}

/** One of the allowed words. */
export function oneOf<T extends string>(
  env: Env,
  problems: Problems,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = value(env, key);
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.add(`${key}=${raw} must be one of ${allowed.join(", ")}`);
  return fallback;
}
