// The GraphQL one part of the hub sends to another through the gateway lives in .graphql files
// next to its sender (<part>/operations/), so that the schema test can validate every one of them
// against the composed supergraph. The build copies them into dist/ beside the compiled code.
import fs from "node:fs";
import path from "node:path";

/** The text of `<dir>/<name>.graphql`, read once when the sender's module loads. */
export function readOperation(dir: string, name: string): string {
  const file = path.join(dir, `${name}.graphql`);
  if (!fs.existsSync(file)) throw new Error(`operation ${name} is missing: ${file}`);
  return fs.readFileSync(file, "utf8");
}

/** Every `.graphql` under `dir`'s operations folders, for the schema test. */
export function operationFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
      else if (entry.name.endsWith(".graphql") && path.basename(dir) === "operations")
        found.push(full);
    }
  };
  walk(root);
  return found.sort();
}
