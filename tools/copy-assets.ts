// Part of npm run build: copies what tsc does not into dist/, beside the compiled code that reads
// it: the .graphql operations that parts of the hub send, and the gateway's files (its icon).
import fs from "node:fs";
import path from "node:path";
import { operationFiles } from "../runtime/operations";

const root = path.resolve(__dirname, "..", "..");
const dist = path.join(root, "dist");
const assets = path.join(root, "gateway", "assets");
const files = [
  ...["gateway", "subgraphs"].flatMap((dir) => operationFiles(path.join(root, dir))),
  ...fs.readdirSync(assets).map((name) => path.join(assets, name)),
];
for (const file of files) {
  const target = path.join(dist, path.relative(root, file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target);
}
console.log(`[build] copied ${files.length} operation and asset files into dist/`);
