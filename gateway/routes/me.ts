// GET /me: the self-service page (me/, bundled by npm run build into dist/me/) where a volunteer,
// an enterprise or an applicant signed in through the provider follows its own records, and its
// script and styles, all from the hub itself.
import path from "node:path";
import type { Route } from "../../runtime/http/server";
import { builtPageDir, pageRoutes } from "./static-page";

/** dist/gateway/routes/me.js and gateway/routes/me.ts both find <root>/dist/me. */
export const DEFAULT_ME_DIR = builtPageDir([
  path.join(__dirname, "..", "..", "me"),
  path.join(__dirname, "..", "..", "dist", "me"),
]);

export const meRoutes = (
  dir = DEFAULT_ME_DIR,
  /** Origins the page may fetch from besides the hub (the identity provider's). */
  connect: readonly string[] = [],
): Route[] =>
  pageRoutes(
    { name: "self-service page", dir, connect },
    { "/me": "index.html", "/me/": "index.html", "/me/app.js": "app.js", "/me/app.css": "app.css" },
  );
