// Surrounding white space is never meant (a pasted title, a name typed with a trailing space, a
// field of full-width spaces): every string a resolver receives is trimmed before anything checks
// or stores it. Lengths are then counted on the text that is kept, and a title of spaces is blank,
// refused by the field's own check ("title must be 2-60 characters") rather than stored. It runs
// in one place, the middleware every resolver that takes arguments has (textArgs in text.ts),
// before type-graphql builds and validates the input objects: inputs, plain String and ID
// arguments, and the rows of a batch, nested lists included.

/** Lists and plain objects (what GraphQL argument values are made of); never a Date or a class. */
const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => {
  if (Array.isArray(value)) return true;
  if (!value || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Trims (String.prototype.trim: spaces, tabs, line breaks, U+3000 and the other Unicode spaces)
 * every string in an argument value, in place, at any depth; returns the value. A bare string
 * comes back trimmed.
 */
export function trimStrings<T>(value: T): T {
  if (typeof value === "string") return value.trim() as T;
  if (!isContainer(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (typeof field === "string") record[key] = field.trim();
    else if (isContainer(field)) trimStrings(field);
  }
  return value;
}
