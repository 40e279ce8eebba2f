// Part of npm run build: the GraphiQL page (ide/: GraphiQL, its explorer plugin, React and the
// contract's operations as examples) into dist/ide/.
import path from "node:path";
import { buildAsCommand, buildPage, projectRoot } from "./build-page";

export const buildIde = (outDir = path.join(projectRoot, "dist", "ide")) =>
  buildPage({ folder: "ide", entryPoints: { app: "src/main.tsx" } }, outDir);

if (require.main === module) buildAsCommand("GraphiQL page", () => buildIde());
