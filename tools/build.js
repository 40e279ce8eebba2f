// npm run build, and the step before every command that runs compiled code (npm start, token,
// import, seed, compose, ...). Plain JavaScript, because it runs before anything is compiled.
//
//   node tools/build.js             builds dist/ (tsc, the .graphql files, the two browser pages)
//                                   and writes schema/trusted-documents.json
//   node tools/build.js --if-stale  builds only when dist/ is missing or older than its sources
//
// Everything it and the build steps print goes to standard error: standard output belongs to the
// command that follows (npm run --silent token prints the token alone). dist/.build-stamp.json
// records when the last build started and from which files, so that a command whose sources have
// not changed since starts in about a second instead of rebuilding for half a minute.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** What npm run build reads: the folders tsc compiles, the pages esbuild bundles, the contract. */
const INPUT_DIRS = [
  "runtime",
  "gateway",
  "subgraphs",
  "tools",
  "demo",
  "bench",
  "dashboard",
  "ide",
  "me",
  "browser",
  "contract",
];
const INPUT_FILES = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];
const INPUT_EXTENSIONS = /\.(ts|tsx|js|cjs|mjs|json|graphql|css|html)$/;
/** Folders under the input folders that hold outputs or data, not sources. */
const SKIPPED = new Set(["node_modules", "dist", "results"]);
const STAMP = path.join("dist", ".build-stamp.json");
const LOCK = path.join("dist", ".build-lock");

/** Every input file of the build under root, as sorted root-relative paths with their mtimes. */
function inputsOf(root) {
  const found = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (INPUT_EXTENSIONS.test(entry.name)) found.push(child);
    }
  };
  for (const dir of INPUT_DIRS) if (fs.existsSync(path.join(root, dir))) walk(dir);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(root, file))) found.push(file);
  return found
    .sort()
    .map((file) => ({ file, mtimeMs: fs.statSync(path.join(root, file)).mtimeMs }));
}

/** Why dist/ under root needs building, or null when it is up to date. */
function staleness(root) {
  const stampFile = path.join(root, STAMP);
  if (!fs.existsSync(stampFile)) return "dist/ has not been built (or its last build failed)";
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, "utf8"));
  } catch {
    return "dist/'s build stamp is unreadable";
  }
  const inputs = inputsOf(root);
  const newer = inputs.find((input) => input.mtimeMs > stamp.startedMs);
  if (newer) return `${newer.file} changed since dist/ was built`;
  const before = new Set(stamp.files);
  const added = inputs.find((input) => !before.has(input.file));
  if (added) return `${added.file} is new since dist/ was built`;
  if (before.size !== inputs.length) return "a source file was removed since dist/ was built";
  return null;
}

/** The build's steps, each a command line run from root. */
function steps(root) {
  const node = process.execPath;
  return [
    [node, require.resolve("typescript/bin/tsc", { paths: [root] }), "-p", "tsconfig.build.json"],
    [node, path.join("dist", "tools", "copy-assets.js")],
    // schema/trusted-documents.json: what the clients' pages and the routes send by id.
    [node, path.join("dist", "tools", "trusted-documents.js")],
    [node, path.join("dist", "tools", "build-dashboard.js")],
    [node, path.join("dist", "tools", "build-ide.js")],
    [node, path.join("dist", "tools", "build-me.js")],
  ];
}

/** Runs the build under root, its output on standard error; true when every step succeeded. */
function build(root, say) {
  const startedMs = Date.now();
  const inputs = inputsOf(root);
  fs.rmSync(path.join(root, STAMP), { force: true });
  for (const [command, ...args] of steps(root)) {
    // The steps' standard output (tsc's errors, the [build] lines) goes to our standard error.
    const run = spawnSync(command, args, { cwd: root, stdio: ["ignore", 2, 2] });
    if (run.status !== 0) {
      say(`[build] failed: ${path.basename(args[0])} ${run.signal ?? `exited ${run.status}`}`);
      return false;
    }
  }
  // A file already newer than the start (a clock ahead) must not make every later call rebuild.
  const stamp = {
    startedMs: Math.max(startedMs, ...inputs.map((input) => input.mtimeMs)),
    files: inputs.map((input) => input.file),
  };
  fs.writeFileSync(path.join(root, STAMP), `${JSON.stringify(stamp)}\n`);
  say(`[build] done in ${((Date.now() - startedMs) / 1000).toFixed(0)} s`);
  return true;
}

/** Holds dist/.build-lock while fn runs, so that two commands started together build once. */
function withLock(root, fn) {
  const lock = path.join(root, LOCK);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (!holder || !isAlive(holder)) fs.rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function main(argv) {
  const root = path.resolve(__dirname, "..");
  const ifStale = argv.includes("--if-stale");
  const say = (line) => process.stderr.write(`${line}\n`);
  const ok = withLock(root, () => {
    // Checked under the lock: a command that waited for another's build finds dist/ fresh.
    const reason = ifStale ? staleness(root) : null;
    if (ifStale && !reason) return true;
    say(`[build] ${reason ? `${reason}: ` : ""}building dist/ (about half a minute)`);
    return build(root, say);
  });
  process.exitCode = ok ? 0 : 1;
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { inputsOf, staleness, STAMP };
