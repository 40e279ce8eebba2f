// The committed supergraph the gateway plans against (npm run compose writes it).
import fs from "node:fs";
import path from "node:path";

// gateway/supergraph.ts and dist/gateway/supergraph.js sit one and two levels below the root.
const CANDIDATES = [
  path.join(__dirname, "..", "schema", "supergraph.graphql"),
  path.join(__dirname, "..", "..", "schema", "supergraph.graphql"),
];

export function readSupergraph(): string {
  for (const candidate of CANDIDATES) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, "utf8");
  }
  throw new Error("schema/supergraph.graphql is missing: run npm run compose");
}
