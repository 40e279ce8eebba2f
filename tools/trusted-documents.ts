// Part of npm run build: writes schema/trusted-documents.json, the manifest of every operation the
// hub's own clients send (runtime/trusted-documents/), which the gateway reads at start. Its
// sources: the contract (contract/*.graphql, which GraphiQL's examples are cut from) and every
// operations/ folder of the project's parts (the pages' own, the routes', the subgraphs'
// service-to-service reads), so that a new page's operations/ folder is picked up by convention.
// The file is committed; tests/foundation/trusted-documents.test.ts fails when it is stale.
import fs from "node:fs";
import path from "node:path";
import { operationFiles } from "../runtime/operations";
import { manifestOf, manifestText, type Manifest } from "../runtime/trusted-documents/manifest";
import { projectRoot } from "./build-page";

export const MANIFEST_FILE = path.join("schema", "trusted-documents.json");

/** Top-level folders that hold no client: outputs, data, tests (whose documents are not trusted). */
const NOT_CLIENTS = new Set(["node_modules", "dist", "data", "coverage", "test-output", "tests"]);

/** The files the manifest is made of, root-relative and sorted. */
export function clientOperationFiles(root = projectRoot): string[] {
  const contract = fs
    .readdirSync(path.join(root, "contract"))
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => path.join(root, "contract", f));
  const parts = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !NOT_CLIENTS.has(e.name))
    .flatMap((e) => operationFiles(path.join(root, e.name)));
  return [...contract, ...parts].map((file) => path.relative(root, file)).sort();
}

/** The manifest as the sources make it today. */
export function trustedDocumentsManifest(root = projectRoot): Manifest {
  return manifestOf(
    clientOperationFiles(root).map((file) => ({
      file,
      text: fs.readFileSync(path.join(root, file), "utf8"),
    })),
  );
}

if (require.main === module) {
  const manifest = trustedDocumentsManifest();
  const target = path.join(projectRoot, MANIFEST_FILE);
  const text = manifestText(manifest);
  const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
  if (before !== text) fs.writeFileSync(target, text);
  console.log(
    `[build] ${MANIFEST_FILE}: ${manifest.operations.length} trusted documents` +
      (before === text ? " (unchanged)" : " (written: commit it)"),
  );
}
