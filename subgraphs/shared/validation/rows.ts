// class-validator's validateSync, for the many rows of one class a batch publish checks. It
// looks up the class's metadata anew for every object (filtering every decorator the process
// registered) and builds an error object per property even when nothing fails: two thirds of a
// 1,000-station publish's checking. This runs the same constraints, read from class-validator's
// own metadata once per class, and only when one refuses (or the class uses what this does not
// run: nested objects, groups, IsDefined, promises) asks validateSync, so that a row's errors,
// their order and their messages are exactly validateSync's.
import {
  getMetadataStorage,
  validateSync,
  ValidationTypes,
  type ValidationArguments,
  type ValidationError,
} from "class-validator";

interface Constraint {
  property: string;
  each: boolean;
  constraints: unknown[];
  validators: Array<{ validate(value: unknown, args: ValidationArguments): unknown }>;
}

interface Compiled {
  /** Properties whose IsOptional skips every check when the value is null or undefined. */
  optional: Set<string>;
  checks: Constraint[];
}

/** By class: its constraints, or null when validateSync must run on every object. */
const compiled = new WeakMap<object, Compiled | null>();

// class-validator keeps its metadata in one storage; the types are not all exported.
type Metadata = {
  type: string;
  propertyName: string;
  each?: boolean;
  constraints: unknown[];
  constraintCls: object;
};
type Storage = {
  getTargetValidationMetadatas(
    target: object,
    schema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): Metadata[];
  getTargetValidatorConstraints(
    cls: object,
  ): Array<{ async: boolean; instance: Constraint["validators"][number] }>;
};

/**
 * The class's constraints as validateSync(object) runs them (no groups, no schema), or null when
 * it has none (validateSync then reports an unknown value) or any this does not run itself.
 * Read once per class: the decorators (and applyTextRules, when a schema is built) have all run
 * before the first request validates anything.
 */
function compile(target: object): Compiled | null {
  const storage = getMetadataStorage() as unknown as Storage;
  const metadatas = storage.getTargetValidationMetadatas(target, undefined, false, false);
  if (!metadatas.length) return null;
  const optional = new Set<string>();
  const checks: Constraint[] = [];
  for (const m of metadatas) {
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      // IsOptional's condition, and only it, is known: any other ValidateIf runs validateSync.
      if (m.constraints.length !== 1 || !isOptionalCondition(m)) return null;
      optional.add(m.propertyName);
    } else if (m.type === ValidationTypes.CUSTOM_VALIDATION) {
      checks.push({
        property: m.propertyName,
        each: Boolean(m.each),
        constraints: m.constraints,
        // validateSync skips the asynchronous ones (ignoreAsyncValidations).
        validators: storage
          .getTargetValidatorConstraints(m.constraintCls)
          .filter((c) => !c.async)
          .map((c) => c.instance),
      });
    } else return null;
  }
  return { optional, checks };
}

/** IsOptional's condition: the property is neither null nor undefined. */
function isOptionalCondition(m: Metadata) {
  const condition = m.constraints[0] as (object: unknown, value: unknown) => unknown;
  if (typeof condition !== "function") return false;
  const probe = (value: unknown) => Boolean(condition({ [m.propertyName]: value }, value));
  return !probe(undefined) && !probe(null) && probe("") && probe(0) && probe(false);
}

/** Whether every constraint accepts the object (a promise or anything not boolean: unknown). */
function passes(object: Record<string, unknown>, rules: Compiled, targetName: string): boolean {
  for (const check of rules.checks) {
    const value = object[check.property];
    if ((value === null || value === undefined) && rules.optional.has(check.property)) continue;
    const args: ValidationArguments = {
      targetName,
      property: check.property,
      object,
      value,
      constraints: check.constraints,
    };
    // An `each` constraint checks every item of an array, a Set or a Map's values.
    const items = !check.each
      ? [value]
      : Array.isArray(value)
        ? value
        : value instanceof Set
          ? [...value]
          : value instanceof Map
            ? [...value.values()]
            : [value];
    for (const validator of check.validators)
      for (const item of items) if (validator.validate(item, args) !== true) return false;
  }
  return true;
}

/** The class's compiled constraints, compiled at its first row. */
function rulesOf(target: object): Compiled | null {
  let rules = compiled.get(target);
  if (rules === undefined) {
    rules = compile(target);
    compiled.set(target, rules);
  }
  return rules;
}

/** Whether rows of the class are checked here (false: validateSync checks every one). */
export const checkedHere = (target: object): boolean => rulesOf(target) !== null;

/** An input class: type-graphql builds its objects with `new` and no arguments. */
export type RowClass = new () => object;

/**
 * validateSync(row): the same errors; no work beyond the constraints for a row they accept. A row
 * given with its class may be the plain object GraphQL coerced (publish-stations.plain.ts): it is
 * checked by that class's constraints, and a row they refuse is made an instance of the class (as
 * type-graphql would have) for validateSync's errors.
 */
export function validateRow(
  row: object,
  target: RowClass = row.constructor as RowClass,
): ValidationError[] {
  const rules = rulesOf(target);
  if (rules && passes(row as Record<string, unknown>, rules, target.name)) return [];
  return validateSync(row instanceof target ? row : Object.assign(new target(), row));
}
