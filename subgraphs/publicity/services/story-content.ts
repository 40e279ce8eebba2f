// What a story's content must be, beyond the input's own checks: trimmed text, the references as
// row ids by kind, and the message that names every unknown reference. Pure: unit-tested without a
// server (tests/unit/story-content.test.ts).
import { badInput } from "../../../runtime/errors";
import type { ServiceCategory } from "../../shared/vocabulary";
import { ReferenceKind } from "../vocabulary";

export const LIMITS = {
  title: 200,
  summary: 1000,
  /** 10,000 characters of 4 bytes at most still fit MySQL's TEXT (65,535 bytes). */
  body: 10_000,
  /** References of each kind per story. */
  references: 50,
  url: 500,
  /** Return comments and retraction reasons. */
  reason: 500,
} as const;

export interface StoryContentInput {
  title: string;
  summary: string;
  body: string;
  categories: ServiceCategory[];
  districtCode: string;
  volunteerIds: string[];
  stationIds: string[];
  platformIds: string[];
  activityIds: string[];
}

export type References = Record<ReferenceKind, number[]>;

export interface StoryContent {
  title: string;
  summary: string;
  body: string;
  categories: ServiceCategory[];
  districtCode: string;
  references: References;
}

/** The input field that lists each kind of reference, and what its ids name. */
export const REFERENCE_FIELDS: Record<
  ReferenceKind,
  { field: keyof StoryContentInput; noun: string }
> = {
  VOLUNTEER: { field: "volunteerIds", noun: "volunteer" },
  STATION: { field: "stationIds", noun: "station" },
  PLATFORM: { field: "platformIds", noun: "platform" },
  ACTIVITY: { field: "activityIds", noun: "activity" },
};

export const KINDS = Object.keys(REFERENCE_FIELDS) as ReferenceKind[];

/** Newlines become \n; trailing spaces of lines and surrounding blank lines go. */
const tidyText = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();

/** Single-line fields: surrounding spaces go, inner runs of whitespace become one space. */
const tidyLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** The most digits a reference id has (its column is an INT): 999,999,999. */
const ID_DIGITS = 9;

/**
 * A reference as typed → the row id it names: "7", "007" and " 7 " are all 7. Null when it is not
 * a numeric id. The duplicate check compares these, so one row is never referred to twice.
 */
export function referenceId(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return null;
  const digits = text.replace(/^0+(?=\d)/, "");
  return digits.length <= ID_DIGITS ? Number(digits) : null;
}

/** The ids that are not numeric ids, named; null when there are none. */
export function malformedIdsProblem(ids: readonly string[]): string | null {
  const malformed = ids.filter((id) => referenceId(id) === null);
  if (!malformed.length) return null;
  const named = malformed.map((id) => JSON.stringify(id)).join(", ");
  return `${named} ${malformed.length === 1 ? "is not a numeric id" : "are not numeric ids"}; give ids such as "42"`;
}

/** The ids given more than once, as the rows they name ("7" and "007" are 7); null when none. */
export function repeatedIdsProblem(ids: readonly string[]): string | null {
  const spellings = new Map<number, string[]>();
  for (const id of ids) {
    const row = referenceId(id);
    if (row !== null) spellings.set(row, [...(spellings.get(row) ?? []), id]);
  }
  const repeats = [...spellings].filter(([, given]) => given.length > 1);
  if (!repeats.length) return null;
  const named = repeats.map(([row, given]) => {
    const as =
      new Set(given).size > 1 ? ` (as ${given.map((g) => JSON.stringify(g)).join(", ")})` : "";
    return `${row} is given ${given.length} times${as}`;
  });
  return `each id may appear only once; ${named.join("; ")}`;
}

export function storyContent(input: StoryContentInput): StoryContent {
  const references = {} as References;
  for (const kind of KINDS) {
    const ids = (input[REFERENCE_FIELDS[kind].field] as string[] | undefined) ?? [];
    // The input's validation refused anything referenceId cannot read.
    references[kind] = ids.map((id) => referenceId(id) ?? Number.NaN);
  }
  return {
    title: tidyLine(input.title),
    summary: tidyLine(input.summary),
    body: tidyText(input.body),
    categories: [...input.categories],
    districtCode: input.districtCode,
    references,
  };
}

/** Whether each asked id exists, in the order asked (the lookups' answer, null for unknown). */
export type ReferenceAnswers = Record<ReferenceKind, Array<boolean>>;

/** The ids no owner knows, by kind (kinds without any left out). */
export function unknownReferences(
  asked: References,
  answers: ReferenceAnswers,
): Partial<Record<ReferenceKind, number[]>> {
  const unknown: Partial<Record<ReferenceKind, number[]>> = {};
  for (const kind of KINDS) {
    const missing = asked[kind].filter((_, i) => !answers[kind][i]);
    if (missing.length) unknown[kind] = missing;
  }
  return unknown;
}

/** BAD_USER_INPUT naming every unknown id with its field; nothing when all exist. */
export function assertReferencesExist(asked: References, answers: ReferenceAnswers) {
  const unknown = unknownReferences(asked, answers);
  const parts = KINDS.filter((kind) => unknown[kind]).map((kind) => {
    const { field, noun } = REFERENCE_FIELDS[kind];
    const ids = unknown[kind]!;
    return `${field}: no ${noun} ${ids.join(", ")}`;
  });
  if (!parts.length) return;
  throw badInput(`unknown references (nothing was written): ${parts.join("; ")}`, {
    unknown: Object.fromEntries(
      KINDS.filter((kind) => unknown[kind]).map((kind) => [
        REFERENCE_FIELDS[kind].field,
        unknown[kind]!.map(String),
      ]),
    ),
  });
}

/** The content fields an edit changed, for the history ("title, body, stationIds"). */
export function changedFields(before: StoryContent, after: StoryContent): string[] {
  const changed: string[] = [];
  for (const key of ["title", "summary", "body", "districtCode"] as const)
    if (before[key] !== after[key]) changed.push(key);
  if ([...before.categories].sort().join() !== [...after.categories].sort().join())
    changed.push("categories");
  for (const kind of KINDS) {
    const a = [...before.references[kind]].sort((x, y) => x - y).join();
    const b = [...after.references[kind]].sort((x, y) => x - y).join();
    if (a !== b) changed.push(REFERENCE_FIELDS[kind].field);
  }
  return changed;
}
