// How deep a text nests its braces, brackets and parentheses, read without parsing it: a JSON
// request body or a GET's variables (runtime/http/refusals.ts, graphql.ts), whose values nested
// thousands deep overflow the stack of whatever walks them recursively (JSON.stringify in the
// response cache's key). One pass, skipping strings, block strings and comments (GraphQL's
// syntax; JSON has only the strings). GraphQL documents are measured on their tokens instead
// (document-limits.ts), with the field limits in the same pass.

// Character codes: the scan reads code units (charCodeAt), a third of the time of one-character
// strings and Set lookups on a 200 KB body (a 1,000-row publish: 1 ms at the gateway, 1 ms again
// in the subgraph).
const HASH = 0x23;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const isOpen = (c: number) => c === 0x7b || c === 0x5b || c === 0x28; // { [ (
const isClose = (c: number) => c === 0x7d || c === 0x5d || c === 0x29; // } ] )

/**
 * A string's characters up to its closing quote or a line feed, escapes included, as the loop in
 * stringEnd reads them. A sticky regular expression (its backtracking grows only with the escapes
 * in the string) reads most of a JSON body, which is strings, faster than a loop in JavaScript.
 */
const STRING_BODY = /[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*/y;

/** Where the string whose text starts at `from` ends: its closing quote or line feed, or the end. */
function stringEnd(source: string, from: number): number {
  STRING_BODY.lastIndex = from;
  try {
    if (STRING_BODY.test(source)) return STRING_BODY.lastIndex;
  } catch {
    // A string of millions of escapes can exhaust the expression's backtracking: read it below.
  }
  let i = from;
  const n = source.length;
  for (let d = source.charCodeAt(i); i < n && d !== QUOTE && d !== LF; d = source.charCodeAt(i))
    i += d === BACKSLASH ? 2 : 1;
  return i;
}

/** True when the document nests deeper than `limit` anywhere; stops reading as soon as it does. */
export function nestsDeeperThan(source: string, limit: number): boolean {
  let depth = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === HASH) {
      while (i < n && source.charCodeAt(i) !== LF && source.charCodeAt(i) !== CR) i += 1;
    } else if (c === QUOTE && source.startsWith('"""', i)) {
      i += 3;
      while (i < n && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
      i += 3;
      continue;
    } else if (c === QUOTE) {
      i = stringEnd(source, i + 1);
    } else if (isOpen(c)) {
      depth += 1;
      if (depth > limit) return true;
    } else if (isClose(c)) {
      depth = Math.max(0, depth - 1);
    }
    i += 1;
  }
  return false;
}
