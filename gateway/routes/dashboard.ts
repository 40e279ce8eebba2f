// GET /dashboard: the city dashboard page (dashboard/, bundled by npm run build into
// dist/dashboard/), and its script and styles, all from the hub itself.
import path from "node:path";
import type { Route } from "../../runtime/http/server";
import { builtPageDir, pageRoutes } from "./static-page";

/** dist/gateway/routes/dashboard.js and gateway/routes/dashboard.ts both find <root>/dist/dashboard. */
export const DEFAULT_DASHBOARD_DIR = builtPageDir([
  path.join(__dirname, "..", "..", "dashboard"),
  path.join(__dirname, "..", "..", "dist", "dashboard"),
]);

export const dashboardRoutes = (
  dir = DEFAULT_DASHBOARD_DIR,
  /** Origins the page may fetch from besides the hub (the identity provider's). */
  connect: readonly string[] = [],
): Route[] =>
  pageRoutes(
    { name: "dashboard page", dir, connect },
    {
      "/dashboard": "index.html",
      "/dashboard/": "index.html",
      "/dashboard/app.js": "app.js",
      "/dashboard/app.css": "app.css",
    },
  );
