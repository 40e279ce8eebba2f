// Part of npm run build: copies what tsc does not (the .graphql operations that parts of the hub
// send) into dist/, beside the compiled code that reads them.
import fs from "node:fs";
import path from "node:path";
import { operationFiles } from "../runtime/operations";

const root = path.resolve(__dirname, "..", "..");
const dist = path.join(root, "dist");
let copied = 0;
for (const dir of ["gateway", "subgraphs"]) {
  for (const file of operationFiles(path.join(root, dir))) {
    const target = path.join(dist, path.relative(root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    copied += 1;
  }
}
console.log(`[build] copied ${copied} operation files into dist/`);
