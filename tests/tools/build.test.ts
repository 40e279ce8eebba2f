// tools/build.js (issue 24, item 3): the commands that run compiled code build dist/ only when it
// is missing or older than its sources. The staleness rule runs here on a small tree in a temp
// folder (never the repository's own dist/, which other tests may be using); package.json's
// scripts are checked to go through it, npm start always building.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
// Plain JavaScript (it runs before anything is compiled), so typed here by hand.
const built: {
  staleness(root: string): string | null;
  STAMP: string;
} = require("../../tools/build.js");

let tree: string;
const write = (rel: string, text = "x") => {
  fs.mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
  fs.writeFileSync(path.join(tree, rel), text);
};
/** Sets a file's mtime `seconds` from now. */
const age = (rel: string, seconds: number) => {
  const when = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(path.join(tree, rel), when, when);
};
const SOURCES = [
  "runtime/config/clinic.ts",
  "gateway/operations/feed.graphql",
  "dashboard/index.html",
  "dashboard/src/style.css",
  "ide/src/main.tsx",
  "contract/corps.graphql",
  "tsconfig.json",
];

/** A tree whose dist/ was built a minute after its sources were last written. */
function builtTree() {
  for (const file of SOURCES) {
    write(file);
    age(file, -120);
  }
  const files = SOURCES.slice().sort();
  write(built.STAMP, JSON.stringify({ startedMs: Date.now() - 60_000, files }));
}

beforeEach(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), "hub-build-"));
});
afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

describe("when dist/ needs building", () => {
  it("when it was never built", () => {
    write("runtime/a.ts");
    expect(built.staleness(tree)).toMatch(/not been built/);
  });

  it("not when every source is older than the last build", () => {
    builtTree();
    expect(built.staleness(tree)).toBeNull();
  });

  it.each(SOURCES)("when %s changed since", (file) => {
    builtTree();
    age(file, -1);
    expect(built.staleness(tree)).toBe(`${file} changed since dist/ was built`);
  });

  it("when a source was added or removed, however old its date", () => {
    builtTree();
    write("subgraphs/corps/new.ts");
    age("subgraphs/corps/new.ts", -3600);
    expect(built.staleness(tree)).toMatch(/subgraphs\/corps\/new.ts is new/);
    fs.rmSync(path.join(tree, "subgraphs"), { recursive: true });
    fs.rmSync(path.join(tree, "dashboard/src/style.css"));
    expect(built.staleness(tree)).toMatch(/removed/);
  });

  it("not for what the build does not read: outputs, results, notes, tests", () => {
    builtTree();
    for (const file of [
      "bench/results/run.json",
      "runtime/node_modules/x.js",
      "runtime/NOTES.md",
      "tests/x.test.ts",
      "dist/tools/token.js",
    ])
      write(file);
    expect(built.staleness(tree)).toBeNull();
  });
});

describe("package.json's scripts", () => {
  const scripts: Record<string, string> = JSON.parse(
    fs.readFileSync(path.join(ROOT, "package.json"), "utf8"),
  ).scripts;

  it("build with tools/build.js before every command that runs compiled code", () => {
    const compiled = Object.keys(scripts).filter((name) => /\bdist\//.test(scripts[name]));
    expect(compiled).toEqual(expect.arrayContaining(["start", "token", "import", "compose"]));
    for (const name of compiled) {
      const expected = name === "start" ? "node tools/build.js" : "node tools/build.js --if-stale";
      expect([name, scripts[`pre${name}`]]).toEqual([name, expected]);
    }
    expect(scripts.build).toBe("node tools/build.js");
  });
});
