// The repository is whole on its own: a clone with nothing beside it builds, starts and passes its
// tests. No source, test, tool or page reads a path above the repository's root: not through a
// module specifier ("../../../x"), not through a path built from __dirname or from a root constant,
// and not by naming the issue tracker's shared folder.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const SKIP = new Set(["node_modules", "dist", "data", ".git", "coverage", "test-output"]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) return [];
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.(ts|tsx|js|cjs|mjs)$/.test(entry.name) ? [file] : [];
  });
}

/** Sources outside tests/ and the pages run compiled from dist/<same folder>. */
function runDir(file: string): string {
  const rel = path.relative(ROOT, path.dirname(file));
  return /^(tests|ide|dashboard)(\/|$)/.test(rel) || rel === ""
    ? path.dirname(file)
    : path.join(ROOT, "dist", rel);
}

const escapes = (from: string, target: string) =>
  path.relative(ROOT, path.resolve(from, target)).startsWith("..");

/** Every place in a file's text that reaches outside the repository. */
export function outsideReads(file: string, text: string): string[] {
  const found: string[] = [];
  const dir = path.dirname(file);
  for (const m of text.matchAll(
    /(?:from\s+|require\(\s*|import\(\s*)["'`]((?:\.\.\/)+[^"'`\s]*)["'`]/g,
  ))
    if (escapes(dir, m[1])) found.push(m[1]);
  for (const m of text.matchAll(
    /(?:join|resolve)\(\s*__dirname\s*((?:,\s*["'`][^"'`]*["'`]\s*)+)/g,
  )) {
    const parts = [...m[1].matchAll(/["'`]([^"'`]*)["'`]/g)].map((x) => x[1]);
    if (escapes(runDir(file), path.join(...parts))) found.push(`(__dirname, ${parts.join(", ")})`);
  }
  // A root constant climbed out of, or the tracker's folder named outright.
  for (const m of text.matchAll(
    /(?:join|resolve)\(\s*(?:ROOT|root|repoRoot|process\.cwd\(\))\s*,\s*["'`]\.\.["'`]/g,
  ))
    found.push(m[0]);
  for (const m of text.matchAll(
    /(?:\.\.\/)+shared\/(?:contract|DOMAIN|seeds|tools|hooks|STYLE|PERF)|["'`]\.\.["'`],\s*["'`]shared["'`],\s*["'`](?:contract|seeds|tools)/g,
  ))
    found.push(m[0]);
  return found;
}

describe("the repository reads nothing outside itself", () => {
  it("no file names a path above the repository's root", () => {
    const findings = sources(ROOT).flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      return outsideReads(file, text).map((what) => `${path.relative(ROOT, file)}: ${what}`);
    });
    // This file's own patterns are regular expressions, not reads.
    expect(findings.filter((f) => !f.startsWith("tests/unit/inside-repo.test.ts"))).toEqual([]);
  });

  it("catches each kind of outside read", () => {
    const file = path.join(ROOT, "tests", "helpers", "x.ts");
    // The samples are assembled, so that no scanner mistakes this file for one that reads outside.
    const up = (n: number) => Array(n).fill("..").join("/");
    const upArgs = (n: number) => Array(n).fill('"..", ').join("");
    expect(outsideReads(file, `import x from "${up(3)}/shared/y";`)).toHaveLength(1);
    expect(outsideReads(file, `const text = read("../shared/contract/a.graphql");`)).toHaveLength(
      1,
    );
    expect(outsideReads(file, `path.resolve(__dirname, ${upArgs(3)}"z")`)).toHaveLength(1);
    expect(outsideReads(file, `path.join(ROOT, "..", "other")`)).toHaveLength(1);
    expect(outsideReads(file, `import x from "../helpers/y";`)).toEqual([]);
    expect(outsideReads(file, `path.join(__dirname, "..", "..", "contract")`)).toEqual([]);
  });
});
