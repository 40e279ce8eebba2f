// GET /favicon.ico (issue 24, item 7): the hub's own icon, an ICO file with the 16 and 32 px sizes
// browsers use, served as an image from the repository (no CDN); a missing file is a 503 that says
// what to run. The dashboard and GraphiQL page tests check that the pages link it and load
// without a console error.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { DEFAULT_FAVICON, faviconRoutes } from "../../gateway/routes/favicon";
import { serve, type RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";

const log = createLogger(
  "test",
  { level: "info" },
  new Writable({ write: (_chunk, _encoding, done) => done() }),
);
const servers: RunningServer[] = [];
const start = async (file?: string) => {
  const server = await serve({ port: 0, bodyLimitBytes: 1024, log, routes: faviconRoutes(file) });
  servers.push(server);
  return server;
};
afterAll(() => Promise.all(servers.map((s) => s.stop())));

/** The sizes an ICO file holds (its directory: 6 bytes, then 16 a picture; 0 means 256). */
function icoSizes(bytes: Buffer): string[] {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    return `${bytes[entry] || 256}x${bytes[entry + 1] || 256}`;
  });
}

it("answers with the hub's icon, an image with the sizes browsers use", async () => {
  const server = await start();
  const response = await fetch(`${server.origin}/favicon.ico`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/x-icon");
  expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
  const body = Buffer.from(await response.arrayBuffer());
  expect(body.equals(fs.readFileSync(DEFAULT_FAVICON))).toBe(true);
  expect(icoSizes(body)).toEqual(expect.arrayContaining(["16x16", "32x32"]));
});

it("says what to run when the icon is not there", async () => {
  const server = await start(path.join(os.tmpdir(), "hub-no-such-dir", "favicon.ico"));
  const response = await fetch(`${server.origin}/favicon.ico`);
  expect(response.status).toBe(503);
  expect(await response.text()).toMatch(/npm run build/);
});
