// The pre-parse nesting scan (runtime/http/nesting.ts) that keeps values nested thousands deep
// (JSON bodies, a GET's variables) from overflowing the stack of whatever walks them.
import { nestsDeeperThan } from "../../runtime/http/nesting";

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
});
