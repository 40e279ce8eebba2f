// When npm run bench installs the benchmark's own packages (bench/peers.ts): whenever
// bench/node_modules is not what bench/package-lock.json says (never installed, interrupted, or an
// older lockfile's), and never when it is.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchInstalled } from "../../bench/peers";

const LOCK = {
  name: "bench",
  lockfileVersion: 3,
  packages: {
    "": { dependencies: { autocannon: "8.0.0" } },
    "node_modules/autocannon": { version: "8.0.0" },
    "node_modules/autocannon/node_modules/chalk": { version: "4.1.2" },
    "node_modules/fsevents": { version: "2.3.3", optional: true },
  },
};

/** A bench folder with the lockfile above and, if given, npm's record of what it installed. */
function benchDir(installed?: Record<string, object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-peers-"));
  fs.writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify(LOCK));
  if (installed) {
    fs.mkdirSync(path.join(dir, "node_modules"));
    const record = { ...LOCK, packages: installed };
    fs.writeFileSync(path.join(dir, "node_modules", ".package-lock.json"), JSON.stringify(record));
  }
  return dir;
}

it("installs when nothing was installed, or an install did not finish", () => {
  expect(benchInstalled(benchDir())).toBe(false);
});

it("installs when what is installed is not the lockfile's", () => {
  const { "node_modules/autocannon/node_modules/chalk": _chalk, ...fewer } = LOCK.packages;
  expect(benchInstalled(benchDir(fewer))).toBe(false);
  const older = { ...LOCK.packages, "node_modules/autocannon": { version: "7.15.0" } };
  expect(benchInstalled(benchDir(older))).toBe(false);
});

it("leaves an install that matches the lockfile alone (another platform's packages aside)", () => {
  const { "": _root, "node_modules/fsevents": _macOnly, ...installed } = LOCK.packages;
  expect(benchInstalled(benchDir(installed))).toBe(true);
});
