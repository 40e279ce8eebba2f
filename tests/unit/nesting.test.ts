// The pre-parse nesting scan (runtime/http/nesting.ts) that keeps values nested thousands deep
// (JSON bodies, a GET's variables) from overflowing the stack of whatever walks them.
import { nestsDeeperThan } from "../../runtime/http/nesting";
import { random } from "../helpers/random";

/** The scan a character at a time, as it was: strings skipped by a regular expression must agree. */
function byCharacter(source: string, limit: number): boolean {
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
    } else if ("{[(".includes(c)) {
      depth += 1;
      if (depth > limit) return true;
    } else if ("}])".includes(c)) {
      depth = Math.max(0, depth - 1);
    }
    i += 1;
  }
  return false;
}

describe("nestsDeeperThan", () => {
  it("counts braces, brackets and parentheses together", () => {
    expect(nestsDeeperThan("{ a(x: [[1]]) { b } }", 4)).toBe(false);
    expect(nestsDeeperThan("{ a(x: [[1]]) { b } }", 3)).toBe(true);
    expect(nestsDeeperThan("{ a { b { c } } }", 3)).toBe(false);
    expect(nestsDeeperThan("{ a { b { c { d } } } }", 3)).toBe(true);
  });

  it("goes back up when lists close", () => {
    const siblings = `{ a(x: ${"[1], ".repeat(1000)}) }`;
    expect(nestsDeeperThan(siblings, 3)).toBe(false);
  });

  it("ignores what strings, block strings and comments contain", () => {
    expect(nestsDeeperThan(`{ a(x: "[[[[\\"[[[[") }`, 3)).toBe(false);
    expect(nestsDeeperThan(`{ a(x: """ [[[[ \\""" [[[[ """) }`, 3)).toBe(false);
    expect(nestsDeeperThan("{ a # [[[[[[\n }", 3)).toBe(false);
  });

  it("reads JSON: a value nested 4,500 deep, strings with brackets and escaped quotes", () => {
    expect(nestsDeeperThan(`{"v":${'{"a":'.repeat(4500)}1${"}".repeat(4500)}}`, 128)).toBe(true);
    expect(nestsDeeperThan(`{"a":"[[[[\\"[[[[","b":[[1]]}`, 3)).toBe(false);
  });

  it("finds a list literal nested 3,000 deep without recursion", () => {
    expect(nestsDeeperThan(`{ a(x: ${"[".repeat(3000)}1${"]".repeat(3000)}) }`, 128)).toBe(true);
    expect(nestsDeeperThan("[".repeat(1_000_000), 128)).toBe(true);
  });

  it("agrees with a scan a character at a time on generated text", () => {
    const { int, pick } = random(11);
    const alphabet = ['"', '"', "\\", "\n", "\r", "{", "[", "(", "}", "]", ")", "#", "a", "林"];
    for (let n = 0; n < 20_000; n += 1) {
      const text = Array.from({ length: int(0, 40) }, () => pick(alphabet)).join("");
      const limit = int(0, 4);
      expect([text, limit, nestsDeeperThan(text, limit)]).toEqual([
        text,
        limit,
        byCharacter(text, limit),
      ]);
    }
  });

  it("reads a string of millions of escapes (the regular expression gives up on it)", () => {
    const escapes = `{"a":"${"\\n".repeat(5_000_000)}","b":[[[[1]]]]}`;
    expect(nestsDeeperThan(escapes, 3)).toBe(true);
    expect(nestsDeeperThan(escapes, 5)).toBe(false);
  });
});
