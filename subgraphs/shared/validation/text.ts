// Free text the hub stores must be text: no C0 control characters (NUL, BEL, ESC and the rest of
// U+0000-U+001F) and no DEL (U+007F), which terminals, CSV exports and Excel misread, except the
// line breaks and tabs of long text (a CR only as part of CRLF), no Unicode noncharacters (U+FFFE,
// U+FDD0-U+FDEF, ...) and no lone surrogates, which XML (every .xlsx) cannot hold. Single-line
// fields such as names refuse line breaks, tabs and U+2028/U+2029 too (@SingleLine). One rule for every subgraph: applyTextRules()
// gives every String field of every @InputType the control-character check, and every resolver
// that takes arguments the middleware textArgs, which first trims every string of its arguments
// (trim.ts: lengths and blanks are checked on the trimmed text), then checks plain String
// arguments (reasons, comments), so new inputs and arguments are covered without anyone
// remembering to.
import { registerDecorator, ValidateBy, type ValidationOptions } from "class-validator";
import { GraphQLID, GraphQLString } from "graphql";
import { getMetadataStorage, type MiddlewareFn } from "type-graphql";
import { badInput } from "../../../runtime/errors";
import { trimStrings } from "./trim";

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** A Unicode noncharacter: U+FDD0-U+FDEF and the last two code points of every plane. */
export const isNoncharacter = (code: number) =>
  (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;

/** A UTF-16 surrogate left alone (Array.from keeps a pair together, a lone one by itself). */
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * Characters that are not text to store (XML 1.0, and so every .xlsx, cannot hold them): a
 * noncharacter or a lone surrogate; in a single-line field, the line and paragraph separators
 * U+2028/U+2029 too (a line break by another name).
 */
function oddCharacter(field: string, c: string, i: number, singleLine?: boolean): string | null {
  const code = c.codePointAt(0)!;
  if (isNoncharacter(code))
    return `${field} contains a Unicode noncharacter (${hex(c)} at character ${i + 1}); remove it`;
  if (isSurrogate(code))
    return `${field} contains a lone surrogate (${hex(c)} at character ${i + 1}), not a character; remove it`;
  if (singleLine && (code === 0x2028 || code === 0x2029))
    return `${field} must be a single line: remove the line or paragraph separator (${hex(c)}) at character ${i + 1}`;
  return null;
}

/**
 * Text with no control character, DEL, surrogate (so no character beyond the BMP either),
 * noncharacter of the BMP or line or paragraph separator: nothing textProblem refuses in any field.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const PLAIN_TEXT = /^[^\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]*$/;

/**
 * What is wrong with `value` as text of the field, or null: the first control character, named
 * with its code point and position (1-based, in characters).
 */
export function textProblem(
  field: string,
  value: string,
  options: { singleLine?: boolean } = {},
): string | null {
  // Most text has none of what is looked for below: one regular expression tells so.
  if (PLAIN_TEXT.test(value)) return null;
  const chars = Array.from(value);
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i];
    const code = c.codePointAt(0)!;
    const odd = oddCharacter(field, c, i, options.singleLine);
    if (odd) return odd;
    if (code > 0x1f && code !== 0x7f) continue;
    const lineBreak = c === "\n" || (c === "\r" && chars[i + 1] === "\n");
    if (options.singleLine && (lineBreak || c === "\t")) {
      return `${field} must be a single line: remove the line break or tab at character ${i + 1}`;
    }
    if (lineBreak || c === "\t") continue;
    return `${field} contains a control character (${hex(c)} at character ${i + 1}); remove it`;
  }
  return null;
}

/** Fields declared @SingleLine, by class: their own check covers control characters too. */
const singleLineFields = new WeakMap<object, Set<string | symbol>>();

/** A single-line field (a name, a title, an address): no line breaks, tabs or control characters. */
export function SingleLine(options?: ValidationOptions): PropertyDecorator {
  const decorate = ValidateBy(
    {
      name: "singleLine",
      validator: {
        validate: (value, args) =>
          typeof value !== "string" ||
          textProblem(args?.property ?? "", value, { singleLine: true }) === null,
        defaultMessage: (args) =>
          textProblem(args?.property ?? "", String(args?.value ?? ""), { singleLine: true }) ??
          `${args?.property} must be a single line`,
      },
    },
    options,
  );
  return (target, property) => {
    const fields = singleLineFields.get(target.constructor) ?? new Set();
    singleLineFields.set(target.constructor, fields.add(property));
    decorate(target, property);
  };
}

/** The fields given the check so far, by class (two subgraphs may reuse a class name). */
const registered = new WeakMap<object, Set<string>>();
/** The resolver methods given textArgs so far, by resolver class. */
const withTextArgs = new WeakMap<object, Set<string>>();

/**
 * Gives every String or ID field of every @InputType declared so far the control-character
 * check, once: type-graphql validates inputs with it, and batches that validate their rows
 * themselves (validateSync) reject the row that carries one. Runs when a schema is built.
 */
export function applyTextRules() {
  const storage = getMetadataStorage();
  // textArgs on each resolver method that takes arguments, as @UseMiddleware(textArgs) would put
  // it: after the @Authorized check, as before. It used to be a global middleware, which made
  // every field of every answer a promise; fields without arguments have nothing to check.
  for (const param of storage.params) {
    const takesArgs =
      param.kind === "arg" ||
      param.kind === "args" ||
      // a createParameterDecorator(..., { arg }) declares an argument of its own
      (param.kind === "custom" && Boolean(param.options?.arg));
    if (!takesArgs) continue;
    const done = withTextArgs.get(param.target) ?? new Set<string>();
    withTextArgs.set(param.target, done);
    if (done.has(param.methodName)) continue;
    done.add(param.methodName);
    storage.collectMiddlewareMetadata({
      target: param.target,
      fieldName: param.methodName,
      middlewares: [textArgs],
    });
  }
  const inputTypes = new Set(storage.inputTypes.map((t) => t.target));
  for (const field of storage.fields) {
    if (!inputTypes.has(field.target)) continue;
    const type = field.getType();
    if (type !== String && type !== GraphQLString && type !== GraphQLID) continue;
    const done = registered.get(field.target) ?? new Set<string>();
    registered.set(field.target, done);
    if (done.has(field.name) || singleLineFields.get(field.target)?.has(field.name)) continue;
    done.add(field.name);
    registerDecorator({
      name: "noControlCharacters",
      target: field.target,
      propertyName: field.name,
      options: { each: Boolean(field.typeOptions.array) },
      validator: {
        validate: (value, args) =>
          typeof value !== "string" || textProblem(args?.property ?? "", value) === null,
        defaultMessage: (args) =>
          textProblem(args?.property ?? "", String(args?.value ?? "")) ??
          `${args?.property} contains a control character`,
      },
    });
  }
}

/**
 * Trims every string of the arguments (before type-graphql turns them into input classes and
 * validates them, which it does after the middlewares), then applies the control-character rule
 * to arguments that are plain strings (a reason, a comment, a number to look up), which
 * class-validator never sees; input objects are checked by their classes (applyTextRules).
 */
export const textArgs: MiddlewareFn = ({ args }, next) => {
  for (const [name, raw] of Object.entries(args ?? {})) {
    const value: unknown = (args[name] = trimStrings<unknown>(raw));
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      const problem = typeof item === "string" ? textProblem(name, item) : null;
      if (problem) throw badInput(problem);
    }
  }
  return next();
};
