// The demo data for subgraph processes, generated once by whoever starts them (npm start, the
// tests' process federation, the benchmark) and written as one JSON file per subgraph; each process
// reads its file only when its database is empty (run-subgraph <name> --demo-rows <file>).
import fs from "node:fs";
import path from "node:path";
import { generateDemo } from "../demo/generate";
import { demoSeedRows } from "../demo/seed-rows";
import { SUBGRAPHS, type SubgraphName } from "../runtime/config";

/** Writes each subgraph's rows of the demo anchored at `anchor` into `dir`; returns the files. */
export function writeDemoRows(dir: string, anchor: string): Record<SubgraphName, string> {
  const rows = demoSeedRows(generateDemo(anchor));
  const files = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    files[name] = path.join(dir, `demo-rows-${name}.json`);
    fs.writeFileSync(files[name], JSON.stringify(rows[name]));
  }
  return files;
}

/** The rows a file of writeDemoRows holds. */
export const readDemoRows = (file: string): unknown => JSON.parse(fs.readFileSync(file, "utf8"));

/** run-subgraph's arguments for a subgraph, with its rows file when there is one. */
export const subgraphArgs = (name: SubgraphName, files: Record<SubgraphName, string> | null) =>
  files ? [name, "--demo-rows", files[name]] : [name];
