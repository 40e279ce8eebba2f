// Free text as the platforms subgraph stores it: trimmed, never blank where it is required, and
// within its column (lengths in code points, as MySQL counts them).
import { badInput } from "../../../runtime/errors";
import { codePoints } from "../../shared/validation/chars";

/** Trimmed; null when absent or blank. */
export const clean = (value: string | null | undefined): string | null => value?.trim() || null;

/** Trimmed and not blank (the input's own validation has checked the length). */
export function required(field: string, value: string): string {
  const text = clean(value);
  if (!text) throw badInput(`${field} must not be blank`);
  return text;
}

export const MAX_REASON = 1000;

/** A reason the audit trail keeps: required, trimmed, at most 1000 characters. */
export function requireReason(reason: string | null | undefined, field = "reason"): string {
  const text = clean(reason);
  if (!text) throw badInput(`${field} is required: say why, in up to ${MAX_REASON} characters`);
  return optionalComment(text, field)!;
}

/** An optional comment: trimmed, null when blank, at most 1000 characters. */
export function optionalComment(comment: string | null | undefined, field = "comment") {
  const text = clean(comment);
  if (text && codePoints(text) > MAX_REASON)
    throw badInput(`${field} is ${codePoints(text)} characters long; keep it to ${MAX_REASON}`);
  return text;
}
