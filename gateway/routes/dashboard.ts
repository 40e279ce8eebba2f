// GET /dashboard: the city dashboard page (dashboard/, bundled by npm run build into
// dist/dashboard/), and its script and styles. Everything it loads comes from the hub itself; the
// Content-Security-Policy refuses anything else, so a city network without internet works.
import fs from "node:fs";
import path from "node:path";
import type { Route } from "../../runtime/http/server";

/** dist/gateway/routes/dashboard.js and gateway/routes/dashboard.ts both find <root>/dist/dashboard. */
export const DEFAULT_DASHBOARD_DIR =
  [
    path.join(__dirname, "..", "..", "dashboard"),
    path.join(__dirname, "..", "..", "dist", "dashboard"),
  ].find((dir) => fs.existsSync(path.join(dir, "app.js"))) ??
  path.join(__dirname, "..", "..", "dist", "dashboard");

const FILES: Record<string, string> = {
  "/dashboard": "index.html",
  "/dashboard/": "index.html",
  "/dashboard/app.js": "app.js",
  "/dashboard/app.css": "app.css",
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export const PAGE_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // ECharts sizes its canvases through style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export function dashboardRoutes(dir = DEFAULT_DASHBOARD_DIR): Route[] {
  return Object.entries(FILES).map(([url, file]) => ({
    method: "GET" as const,
    path: url,
    async handler(_request, reply) {
      const full = path.join(dir, file);
      let body: Buffer;
      try {
        body = await fs.promises.readFile(full);
      } catch {
        return reply
          .code(503)
          .type("text/plain; charset=utf-8")
          .send("the dashboard page is not built: run npm run build (npm start does it)");
      }
      return reply
        .type(TYPES[path.extname(file)])
        .header("content-security-policy", PAGE_SECURITY_POLICY)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", file === "index.html" ? "no-cache" : "public, max-age=300")
        .send(body);
    },
  }));
}
