// The committed manifest of trusted documents the gateway runs by id (npm run build writes it:
// tools/trusted-documents.ts).
import fs from "node:fs";
import path from "node:path";
import { TrustedDocuments, type Manifest } from "../runtime/trusted-documents/manifest";

// gateway/trusted-documents.ts and dist/gateway/trusted-documents.js: one and two levels down.
const CANDIDATES = [
  path.join(__dirname, "..", "schema", "trusted-documents.json"),
  path.join(__dirname, "..", "..", "schema", "trusted-documents.json"),
];

export function readTrustedDocuments(): TrustedDocuments {
  for (const candidate of CANDIDATES) {
    if (fs.existsSync(candidate))
      return new TrustedDocuments(JSON.parse(fs.readFileSync(candidate, "utf8")) as Manifest);
  }
  throw new Error("schema/trusted-documents.json is missing: run npm run build");
}
