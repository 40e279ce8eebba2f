// Part of npm run build: the dashboard page (dashboard/, ECharts) into dist/dashboard/.
import path from "node:path";
import { buildAsCommand, buildPage, projectRoot } from "./build-page";

export const buildDashboard = (outDir = path.join(projectRoot, "dist", "dashboard")) =>
  buildPage(
    { folder: "dashboard", entryPoints: { app: "src/main.ts", "app-style": "src/style.css" } },
    outDir,
  );

if (require.main === module) buildAsCommand("dashboard page", () => buildDashboard());
