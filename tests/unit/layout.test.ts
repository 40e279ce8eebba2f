// The house rules of the layout (docs/architecture.md, "Project layout"): gateway → runtime ←
// subgraphs, no subgraph reaches into another's folder, nothing under subgraphs/ imports the demo
// data, the tools or the benchmark (they import the subgraphs, never the other way), and only the
// config module reads the environment. TypeScript and JavaScript files alike.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const SUBGRAPH_NAMES = ["corps", "districts", "platforms", "publicity"];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(rel);
    return /\.(tsx?|[cm]?js)$/.test(entry.name) ? [rel] : [];
  });
}

/** Every module a file imports or requires, resolved to a path relative to the project root. */
function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(/\b(?:from|import|require)\s*\(?\s*["'](\.[^"']+)["']/g)].map((m) =>
    path.relative(ROOT, path.resolve(ROOT, path.dirname(file), m[1])),
  );
}

const offenders = (files: string[], bad: (target: string, file: string) => boolean) =>
  files.flatMap((file) =>
    imports(file)
      .filter((target) => bad(target, file))
      .map((target) => `${file} -> ${target}`),
  );

describe("layout", () => {
  it("the gateway imports nothing from subgraphs/", () => {
    expect(offenders(sources("gateway"), (t) => t.startsWith("subgraphs"))).toEqual([]);
  });

  it("the runtime imports neither the gateway nor the subgraphs", () => {
    expect(
      offenders(sources("runtime"), (t) => t.startsWith("subgraphs") || t.startsWith("gateway")),
    ).toEqual([]);
  });

  it("no subgraph imports another subgraph's folder, nor the gateway", () => {
    const bad = (target: string, file: string) => {
      const own = file.split(path.sep)[1];
      const [top, name] = target.split(path.sep);
      return (
        top === "gateway" || (top === "subgraphs" && SUBGRAPH_NAMES.includes(name) && name !== own)
      );
    };
    expect(
      offenders(
        SUBGRAPH_NAMES.flatMap((name) => sources(path.join("subgraphs", name))),
        bad,
      ),
    ).toEqual([]);
  });

  it("nothing under subgraphs/ imports demo/, tools/ or bench/", () => {
    const outside = (target: string) =>
      ["demo", "tools", "bench"].includes(target.split(path.sep)[0]);
    expect(offenders(sources("subgraphs"), outside)).toEqual([]);
  });

  it("only runtime/config reads process.env", () => {
    const readers = [
      "runtime",
      "gateway",
      "subgraphs",
      "tools",
      "demo",
      "bench",
      "dashboard",
      "ide",
    ]
      .flatMap(sources)
      .filter((file) => !file.startsWith(path.join("runtime", "config")))
      .filter((file) => /process\.env\b/.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(readers).toEqual([]);
  });
});
