// Part of npm run build: the self-service page (me/: a volunteer's, an enterprise's or an
// applicant's own records, phone-sized) into dist/me/.
import path from "node:path";
import { buildAsCommand, buildPage, projectRoot } from "./build-page";

export const buildMe = (outDir = path.join(projectRoot, "dist", "me")) =>
  buildPage(
    { folder: "me", entryPoints: { app: "src/main.ts", "app-style": "src/style.css" } },
    outDir,
  );

if (require.main === module) buildAsCommand("self-service page", () => buildMe());
