// A browser page the gateway serves from a folder npm run build filled (index.html, app.js,
// app.css): the routes of its files, with a Content-Security-Policy that lets the page load only
// from the hub itself, so that it works on a city network without internet.
import fs from "node:fs";
import path from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import { HubError } from "../../runtime/errors";
import { sendError } from "../../runtime/http/error-answer";
import type { Route } from "../../runtime/http/server";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * The pages' policy. `connect` adds origins the page may fetch from: the identity provider's, whose
 * token endpoint the page exchanges its sign-in code at (OIDC_ISSUER).
 */
export const pageSecurityPolicy = (connect: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    // ECharts and CodeMirror size and place their elements through style attributes.
    "style-src 'self' 'unsafe-inline'",
    // GraphiQL's fonts and icons are inlined as data: URLs in its stylesheet.
    "font-src 'self' data:",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...connect].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");

/** The first folder of the candidates that holds a built page (its app.js), else the last one. */
export function builtPageDir(candidates: string[]): string {
  return candidates.find((dir) => fs.existsSync(path.join(dir, "app.js"))) ?? candidates.at(-1)!;
}

export interface StaticPage {
  /** What the page is called in the message sent when it is not built. */
  name: string;
  dir: string;
  /** Origins the page may fetch from besides the hub (the identity provider's). */
  connect?: readonly string[];
}

/** Sends one file of the page, or 503 SERVICE_UNAVAILABLE saying what to run when it was not built. */
export async function sendPageFile(
  page: StaticPage,
  file: string,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  let body: Buffer;
  try {
    body = await fs.promises.readFile(path.join(page.dir, file));
  } catch {
    return sendError(
      request,
      reply,
      new HubError(
        "SERVICE_UNAVAILABLE",
        `the ${page.name} is not built: run npm run build (npm start does it)`,
      ),
    );
  }
  return reply
    .type(TYPES[path.extname(file)])
    .header("content-security-policy", pageSecurityPolicy(page.connect))
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "no-referrer")
    .header("cache-control", file === "index.html" ? "no-cache" : "public, max-age=300")
    .send(body);
}

/** GET <url> for each url → file of the page. */
export function pageRoutes(page: StaticPage, files: Record<string, string>): Route[] {
  return Object.entries(files).map(([url, file]) => ({
    method: "GET" as const,
    path: url,
    handler: (request, reply) => sendPageFile(page, file, request, reply),
  }));
}
