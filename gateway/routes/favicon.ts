// GET /favicon.ico: the hub's icon (gateway/assets/favicon.ico, 16, 32 and 48 px: 志 on the pages'
// red), which browsers ask for on every page the gateway serves (the dashboard, GraphiQL); the
// pages link it too. npm run build copies it beside the compiled route.
import fs from "node:fs";
import path from "node:path";
import { HubError } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Route } from "../../runtime/http/server";

export const DEFAULT_FAVICON = path.join(__dirname, "..", "assets", "favicon.ico");

export const faviconRoutes = (file = DEFAULT_FAVICON): Route[] => [
  {
    method: "GET",
    path: "/favicon.ico",
    handler: async (request, reply) => {
      let icon: Buffer;
      try {
        icon = await fs.promises.readFile(file);
      } catch {
        return sendError(
          request,
          reply,
          new HubError(
            "SERVICE_UNAVAILABLE",
            "the hub's icon is not built: run npm run build (npm start does it)",
          ),
        );
      }
      return reply
        .type("image/x-icon")
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=86400")
        .send(icon);
    },
  },
];
