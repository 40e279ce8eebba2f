// What npm run build does for each browser page the gateway serves (dashboard/, ide/): bundles its
// TypeScript and CSS with esbuild into dist/<page>/ (index.html, app.js, app.css), every library
// included, so that nothing is loaded from a CDN at run time. A page imports its operations'
// trusted document ids (`import IDS from "../operations/x.graphql?id"`: operation name -> id) and
// sends only those (gateway/plugins/trusted-documents.ts).
import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "esbuild";
import { documentId } from "../runtime/trusted-documents/manifest";
import { normaliseOperations } from "../runtime/trusted-documents/normalise";

const root = path.resolve(__dirname, "..", "..");
const ROOT_FROM_SOURCE = path.resolve(__dirname, "..");
/** The project root, whether this runs compiled (dist/tools) or from source (tests). */
export const projectRoot = fs.existsSync(path.join(root, "dashboard")) ? root : ROOT_FROM_SOURCE;

export interface PageSpec {
  /** The page's folder under the project root, with index.html and src/. */
  folder: string;
  /** esbuild entry points by output name; scripts become app.js, styles app.css. */
  entryPoints: Record<string, string>;
}

/** `x.graphql?id` imports: the ids of the file's operations, by name, as the manifest has them. */
const documentIds: Plugin = {
  name: "trusted-document-ids",
  setup(build) {
    build.onResolve({ filter: /\.graphql\?id$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.slice(0, -"?id".length)),
      namespace: "trusted-document-ids",
    }));
    build.onLoad({ filter: /.*/, namespace: "trusted-document-ids" }, (args) => {
      const operations = normaliseOperations(fs.readFileSync(args.path, "utf8"));
      const ids = Object.fromEntries(operations.map((o) => [o.name, documentId(o.body)]));
      return { contents: JSON.stringify(ids), loader: "json", watchFiles: [args.path] };
    });
  },
};

export async function buildPage(spec: PageSpec, outDir: string) {
  const { build } = await import("esbuild");
  const source = path.join(projectRoot, spec.folder);
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(spec.entryPoints).map(([name, file]) => [name, path.join(source, file)]),
    ),
    bundle: true,
    minify: true,
    format: "iife",
    target: ["chrome100", "firefox100", "safari15"],
    loader: { ".graphql": "text" },
    plugins: [documentIds],
    jsx: "automatic",
    // For the browser with every minification on, esbuild builds React's production mode itself.
    platform: "browser",
    outdir: outDir,
    logLevel: "warning",
    legalComments: "none",
  });
  // A script that imports CSS gets <name>.css beside it; a style entry point is named <name>.css.
  for (const name of Object.keys(spec.entryPoints)) {
    const css = path.join(outDir, `${name}.css`);
    if (name !== "app" && fs.existsSync(css)) fs.renameSync(css, path.join(outDir, "app.css"));
  }
  fs.copyFileSync(path.join(source, "index.html"), path.join(outDir, "index.html"));
  return outDir;
}

/** Runs a page's build as a command: prints where it went, or the error and exit 1. */
export function buildAsCommand(name: string, run: () => Promise<string>) {
  run().then(
    (dir) => console.log(`[build] ${name} in ${path.relative(process.cwd(), dir)}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
