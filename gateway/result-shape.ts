// The client's answer shaped from the subgraphs' merged data, as @apollo/gateway's computeResponse
// (dist/resultShaping.js) shapes it: the same walk, the same null propagation, errors and messages,
// on the same operation object of @apollo/federation-internals. What differs is when the work is
// done: the operation is built once per parsed document and operation name instead of on every
// request, and each selection's response name, type and @skip/@include are read once into plain
// steps instead of through the operation's getters and directive lists on every object. Anything
// computeResponse would assert on makes the caller shape with computeResponse itself.
import {
  ERRORS,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  operationFromDocument,
  Variable,
  type CompositeType,
  type NamedType,
  type Operation,
  type Schema,
  type SelectionSet,
  type Type,
} from "@apollo/federation-internals";
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type OperationDefinitionNode,
} from "graphql";

type Data = Record<string, unknown>;

// Read once: the package's index re-exports each through a getter, dear on every value.
const validLeaf = isValidLeafValue;
const objectType = isObjectType;
const compositeType = isCompositeType;
const invalidGraphQLError = ERRORS.INVALID_GRAPHQL;

/** A field's type, unwrapped once: what computeResponse asks isNonNullType & co. per value. */
type TypeStep =
  | { kind: "nonNull"; of: TypeStep; type: Type }
  | { kind: "list"; of: TypeStep; type: Type }
  | { kind: "composite"; type: CompositeType }
  | { kind: "leaf"; type: Type };

function typeStep(type: Type): TypeStep {
  if (isNonNullType(type)) return { kind: "nonNull", of: typeStep(type.ofType as Type), type };
  if (isListType(type)) return { kind: "list", of: typeStep(type.ofType as Type), type };
  if (isCompositeType(type)) return { kind: "composite", type };
  return { kind: "leaf", type };
}

/** A condition's value: a literal, or the name of the variable that holds it. */
type IfValue = { variable: string } | { literal: unknown };

interface Conditions {
  skip?: IfValue;
  include?: IfValue;
}

interface FieldStep {
  field: true;
  responseName: string;
  typename: boolean;
  type: TypeStep;
  steps: Step[] | undefined;
  conditions: Conditions | undefined;
}

interface FragmentStep {
  field: false;
  typeCondition: CompositeType | undefined;
  steps: Step[];
  conditions: Conditions | undefined;
}

type Step = FieldStep | FragmentStep;

/** Thrown where computeResponse would assert: the caller then shapes with computeResponse. */
export class NotShaped extends Error {}

export interface ShapePlan {
  /** The operation as @apollo/gateway's executeQueryPlan builds it (validate: false). */
  operation: Operation;
  schema: Schema;
  root: CompositeType;
  steps: Step[];
  defaults: Data;
  /** Whether any @skip/@include reads a variable. */
  readsVariables: boolean;
}

/** Where a shape plan cannot be made (introspection, subscriptions): the caller keeps Apollo's. */
class Unsupported extends Error {}

function conditionsOf(
  schema: Schema,
  element: {
    appliedDirectivesOf(definition: unknown): Array<{ arguments(): Record<string, unknown> }>;
  },
  state: { readsVariables: boolean },
): Conditions | undefined {
  const value = (directive: { arguments(): Record<string, unknown> } | undefined) => {
    if (!directive) return undefined;
    const argument = directive.arguments().if;
    if (argument instanceof Variable) {
      state.readsVariables = true;
      return { variable: argument.name };
    }
    return { literal: argument };
  };
  const skip = value(element.appliedDirectivesOf(schema.skipDirective())[0]);
  const include = value(element.appliedDirectivesOf(schema.includeDirective())[0]);
  return skip || include ? { skip, include } : undefined;
}

function compileSelections(
  schema: Schema,
  selectionSet: SelectionSet,
  memo: Map<SelectionSet, Step[]>,
  state: { readsVariables: boolean },
): Step[] {
  const known = memo.get(selectionSet);
  if (known) return known;
  const steps: Step[] = [];
  memo.set(selectionSet, steps);
  for (const selection of selectionSet.selections()) {
    if (selection.kind === "FieldSelection") {
      const field = selection.element;
      if (field.definition.isSchemaIntrospectionField()) throw new Unsupported();
      steps.push({
        field: true,
        responseName: field.responseName(),
        typename: field.name === "__typename",
        type: typeStep(field.definition.type as Type),
        steps: selection.selectionSet
          ? compileSelections(schema, selection.selectionSet, memo, state)
          : undefined,
        conditions: conditionsOf(schema, field as never, state),
      });
    } else {
      const fragment = selection.element;
      steps.push({
        field: false,
        typeCondition: fragment.typeCondition,
        steps: compileSelections(schema, selection.selectionSet, memo, state),
        conditions: conditionsOf(schema, fragment, state),
      });
    }
  }
  return steps;
}

const plans = new WeakMap<DocumentNode, Map<string, ShapePlan | null>>();

/**
 * The shape plan of one operation of a parsed document, made once; null when the operation is
 * one this shaping leaves to Apollo (introspection fields, a subscription, an operation Apollo's
 * executor would refuse).
 */
export function shapePlanOf(
  apiSchema: Schema,
  document: DocumentNode,
  operationDefinition: OperationDefinitionNode,
  fragments: Record<string, unknown>,
  operationName: string | null | undefined,
): ShapePlan | null {
  let perName = plans.get(document);
  if (!perName) plans.set(document, (perName = new Map<string, ShapePlan | null>()));
  const key = operationName ?? "";
  const known = perName.get(key);
  // A new supergraph makes a new API schema: a plan of the old one is made again.
  if (known !== undefined && (!known || known.operation.schema() === apiSchema)) return known;
  let plan: ShapePlan | null = null;
  try {
    if (
      operationDefinition.operation !== OperationTypeNode.QUERY &&
      operationDefinition.operation !== OperationTypeNode.MUTATION
    )
      throw new Unsupported();
    const operation = operationFromDocument(
      apiSchema,
      {
        kind: Kind.DOCUMENT,
        definitions: [operationDefinition, ...Object.values(fragments)],
      } as DocumentNode,
      { validate: false },
    );
    const schema = operation.schema();
    const state = { readsVariables: false };
    const steps = compileSelections(schema, operation.selectionSet, new Map(), state);
    plan = {
      operation,
      schema,
      root: schema.schemaDefinition.rootType(operation.rootKind) as CompositeType,
      steps,
      defaults: operation.collectDefaultedVariableValues() as Data,
      readsVariables: state.readsVariables,
    };
  } catch (error) {
    if (!(error instanceof Unsupported) && !(error instanceof GraphQLError)) throw error;
  }
  perName.set(key, plan);
  return plan;
}

interface Shaping {
  schema: Schema;
  defaults: Data;
  variables: Data | undefined;
  errors: GraphQLError[];
  /** What the last valueOf call found: the value is invalid (its parent goes null)... */
  invalid: boolean;
  /** ...and errors were recorded for it. */
  hasErrors: boolean;
}

function ifValue(value: IfValue, shaping: Shaping): unknown {
  if ("literal" in value) return value.literal;
  const { variables, defaults } = shaping;
  const found =
    variables && Object.hasOwn(variables, value.variable)
      ? variables[value.variable]
      : defaults[value.variable];
  if (typeof found !== "boolean") throw new NotShaped();
  return found;
}

const skipped = (conditions: Conditions, shaping: Shaping) =>
  (conditions.skip && ifValue(conditions.skip, shaping)) ||
  (conditions.include && !ifValue(conditions.include, shaping));

/** isSubtype(condition, type), remembered per pair of the schema's own type objects. */
const subtypes = new WeakMap<object, Map<object, boolean>>();
function subtypeOf(condition: CompositeType, type: NamedType | CompositeType): boolean {
  let known = subtypes.get(condition);
  if (!known) subtypes.set(condition, (known = new Map<object, boolean>()));
  let answer = known.get(type);
  if (answer === undefined) known.set(type, (answer = isSubtype(condition, type as never)));
  return answer;
}

function conditionApplies(
  schema: Schema,
  condition: CompositeType | undefined,
  typename: unknown,
  parentType: CompositeType,
) {
  if (!condition) return true;
  if (typename) {
    const type = schema.type(typename as string);
    return !!type && subtypeOf(condition, type);
  }
  return subtypeOf(condition, parentType);
}

function describeLast(path: Array<string | number>, currentType: Type, parentType: CompositeType) {
  const element = path[path.length - 1];
  if (element === undefined) throw new NotShaped();
  return typeof element === "string"
    ? `field ${String(parentType)}.${element}`
    : `array element of type ${String(currentType)} at index ${element}`;
}

const invalidGraphQL = (message: string, path: Array<string | number>) =>
  invalidGraphQLError.err(message, { path: Array.from(path) });

/** Returns true where computeResponse's applySelectionSet returns NULL_BUBBLE_UP. */
function applySteps(
  input: Data,
  steps: Step[],
  output: Data,
  shaping: Shaping,
  path: Array<string | number>,
  parentType: CompositeType,
): boolean {
  for (const step of steps) {
    if (step.conditions && skipped(step.conditions, shaping)) continue;
    if (step.field) {
      const { responseName } = step;
      const outputValue = output[responseName];
      let inputValue =
        (Object.hasOwn(input, responseName) ? input[responseName] : undefined) ?? null;
      if (step.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== "__typename")
            inputValue = input.__typename ?? null;
          const type =
            inputValue !== null && typeof inputValue === "string"
              ? (shaping.schema.type(inputValue) ?? parentType)
              : parentType;
          if (!objectType(type)) return true;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      const updated = valueOf(
        outputValue,
        step.type,
        inputValue,
        step.steps,
        path,
        shaping,
        parentType,
      );
      output[responseName] = updated;
      path.pop();
      if (shaping.invalid) return true;
    } else {
      const typename = input.__typename;
      if (typename && typeof typename !== "string") throw new NotShaped();
      if (conditionApplies(shaping.schema, step.typeCondition, typename, parentType)) {
        const bubbled = applySteps(
          input,
          step.steps,
          output,
          shaping,
          path,
          step.typeCondition ?? parentType,
        );
        if (bubbled) return true;
      }
    }
  }
  return false;
}

/** computeResponse's updateOutputValue: the value, its flags left in shaping.invalid/hasErrors. */
function valueOf(
  outputValue: unknown,
  step: TypeStep,
  inputValue: unknown,
  steps: Step[] | undefined,
  path: Array<string | number>,
  shaping: Shaping,
  parentType: CompositeType,
): unknown {
  if (inputValue === undefined) throw new NotShaped();
  if (outputValue === null || (outputValue !== undefined && !steps)) {
    shaping.invalid = false;
    shaping.hasErrors = false;
    return outputValue;
  }
  if (step.kind === "nonNull") {
    const updated = valueOf(outputValue, step.of, inputValue, steps, path, shaping, parentType);
    if (updated === null) {
      if (!shaping.hasErrors)
        shaping.errors.push(
          invalidGraphQL(
            `Cannot return null for non-nullable ${describeLast(path, step.of.type, parentType)}.`,
            path,
          ),
        );
      shaping.invalid = true;
      shaping.hasErrors = true;
      return updated;
    }
    shaping.invalid = false;
    shaping.hasErrors = false;
    return updated;
  }
  if (inputValue === null) {
    shaping.invalid = false;
    shaping.hasErrors = false;
    return null;
  }
  if (step.kind === "list") {
    if (!Array.isArray(inputValue)) throw new NotShaped();
    if (outputValue !== undefined && !Array.isArray(outputValue)) throw new NotShaped();
    const list = outputValue as unknown[] | undefined;
    const length = inputValue.length;
    if (list && length !== list.length) throw new NotShaped();
    let nullify = false;
    let hasErrors = false;
    const updated = new Array<unknown>(length);
    for (let index = 0; index < length; index++) {
      path.push(index);
      updated[index] = valueOf(
        list ? list[index] : undefined,
        step.of,
        inputValue[index],
        steps,
        path,
        shaping,
        parentType,
      );
      path.pop();
      nullify ||= shaping.invalid;
      hasErrors ||= shaping.hasErrors;
    }
    shaping.invalid = false;
    shaping.hasErrors = hasErrors;
    return nullify ? null : updated;
  }
  if (step.kind === "composite") {
    if (!steps || typeof inputValue !== "object") throw new NotShaped();
    if (outputValue !== undefined && typeof outputValue !== "object") throw new NotShaped();
    const inputTypename = (inputValue as Data).__typename;
    if (inputTypename !== undefined && typeof inputTypename !== "string") throw new NotShaped();
    let objectType: CompositeType = step.type;
    if (inputTypename) {
      const named = shaping.schema.type(inputTypename);
      if (!named || !compositeType(named)) {
        shaping.errors.push(
          invalidGraphQL(
            `Invalid __typename found for object at ${describeLast(path, step.type, parentType)}.`,
            path,
          ),
        );
        shaping.invalid = false;
        shaping.hasErrors = true;
        return null;
      }
      objectType = named;
    }
    const object = (outputValue as Data | undefined) ?? (Object.create(null) as Data);
    const bubbled = applySteps(inputValue as Data, steps, object, shaping, path, objectType);
    shaping.invalid = false;
    shaping.hasErrors = bubbled;
    return bubbled ? null : object;
  }
  if (outputValue !== undefined) throw new NotShaped();
  const valid = validLeaf(shaping.schema, inputValue, step.type as never);
  if (!valid)
    shaping.errors.push(
      invalidGraphQL(`Invalid value found for ${describeLast(path, step.type, parentType)}.`, path),
    );
  shaping.invalid = false;
  shaping.hasErrors = !valid;
  return valid ? inputValue : null;
}

/** computeResponse's answer for this plan, the request's variables and the merged data. */
export function shapeResponse(
  plan: ShapePlan,
  variables: Data | undefined,
  input: Data,
): { data: Data | null; errors: GraphQLError[] } {
  const shaping: Shaping = {
    schema: plan.schema,
    defaults: plan.defaults,
    variables,
    errors: [],
    invalid: false,
    hasErrors: false,
  };
  const data = Object.create(null) as Data;
  const bubbled = applySteps(input, plan.steps, data, shaping, [], plan.root);
  return { data: bubbled ? null : data, errors: shaping.errors };
}
