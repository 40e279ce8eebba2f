// How deep a text nests its braces, brackets and parentheses, read without parsing it: a JSON
// request body or a GET's variables (runtime/http/refusals.ts, graphql.ts), whose values nested
// thousands deep overflow the stack of whatever walks them recursively (JSON.stringify in the
// response cache's key). One pass, skipping strings, block strings and comments (GraphQL's
// syntax; JSON has only the strings). GraphQL documents are measured on their tokens instead
// (document-limits.ts), with the field limits in the same pass.

const OPEN = new Set(["{", "[", "("]);
const CLOSE = new Set(["}", "]", ")"]);

/** True when the document nests deeper than `limit` anywhere; stops reading as soon as it does. */
export function nestsDeeperThan(source: string, limit: number): boolean {
  let depth = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === "#") {
      while (i < n && source[i] !== "\n" && source[i] !== "\r") i += 1;
    } else if (c === '"' && source.startsWith('"""', i)) {
      i += 3;
      while (i < n && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
      i += 3;
      continue;
    } else if (c === '"') {
      i += 1;
      while (i < n && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
    } else if (OPEN.has(c)) {
      depth += 1;
      if (depth > limit) return true;
    } else if (CLOSE.has(c)) {
      depth = Math.max(0, depth - 1);
    }
    i += 1;
  }
  return false;
}
