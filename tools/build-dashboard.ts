// Part of npm run build: bundles the dashboard page (dashboard/) with esbuild into
// dist/dashboard/ (index.html, app.js with ECharts, app.css). Nothing is loaded from a CDN.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const ROOT_FROM_SOURCE = path.resolve(__dirname, "..");
/** The project root, whether this runs compiled (dist/tools) or from source (tests). */
const projectRoot = fs.existsSync(path.join(root, "dashboard")) ? root : ROOT_FROM_SOURCE;

export async function buildDashboard(outDir = path.join(projectRoot, "dist", "dashboard")) {
  const { build } = await import("esbuild");
  const source = path.join(projectRoot, "dashboard");
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      app: path.join(source, "src", "main.ts"),
      "app-style": path.join(source, "src", "style.css"),
    },
    bundle: true,
    minify: true,
    format: "iife",
    target: ["chrome100", "firefox100", "safari15"],
    loader: { ".graphql": "text" },
    outdir: outDir,
    logLevel: "warning",
    legalComments: "none",
  });
  fs.renameSync(path.join(outDir, "app-style.css"), path.join(outDir, "app.css"));
  fs.copyFileSync(path.join(source, "index.html"), path.join(outDir, "index.html"));
  return outDir;
}

if (require.main === module) {
  buildDashboard().then(
    (dir) => console.log(`[build] dashboard page in ${path.relative(process.cwd(), dir)}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
