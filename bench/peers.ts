// What only the benchmark runs, the load generator (autocannon) and the gateway it is compared with
// (Hive Gateway, whose packages want Node 22), is not the hub's: bench/package.json and its own
// lockfile, installed into bench/node_modules on first use (npm run bench), or by
// `npm ci --prefix bench`. bench/.npmrc installs it "shallow": only the packages it names sit at the
// top of bench/node_modules, so that the benchmark's sources still find graphql, typeorm and every
// other hub package in the hub's node_modules.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { projectRoot } from "../tools/build-page";

export const BENCH_DIR = path.join(projectRoot, "bench");

type Entry = { version?: string; optional?: boolean };
/** The parts of package.json and package-lock.json read here. */
type PackageJson = { dependencies?: Record<string, string>; packages?: Record<string, Entry> };
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;

/** The packages bench/package.json names, by name. */
export const benchPackages = (): string[] =>
  Object.keys(readJson(path.join(BENCH_DIR, "package.json")).dependencies ?? {});

/**
 * Whether bench/node_modules holds what bench/package-lock.json says: npm writes its record of an
 * install (node_modules/.package-lock.json) last, so an interrupted or older install differs.
 */
export function benchInstalled(dir = BENCH_DIR): boolean {
  const installed = path.join(dir, "node_modules", ".package-lock.json");
  if (!fs.existsSync(installed)) return false;
  const want = readJson(path.join(dir, "package-lock.json")).packages ?? {};
  const have = readJson(installed).packages ?? {};
  // An optional package for another platform is in the lockfile, never installed.
  return Object.entries(want).every(
    ([key, entry]) =>
      !key || have[key]?.version === entry.version || (entry.optional && !have[key]),
  );
}

/** Installs the benchmark's packages when they are missing or not the lockfile's; quiet when fine. */
export function ensureBenchPackages(log: (line: string) => void) {
  if (benchInstalled()) return;
  log(
    `installing the benchmark's own packages (${benchPackages().join(", ")}) into bench/node_modules`,
  );
  const started = Date.now();
  // Warnings are left out: Hive Gateway's packages ask for Node 22 and run on 20 all the same.
  const npm = spawnSync(
    "npm",
    ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
    { cwd: BENCH_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (npm.status !== 0 || !benchInstalled()) {
    const output = `${npm.stdout ?? ""}${npm.stderr ?? ""}${npm.error ?? ""}`.trim();
    throw new Error(
      `could not install the benchmark's packages (npm ci in bench/ ${npm.error ? "did not start" : `exited ${npm.status}`}); run \`npm ci --prefix bench\` to see why:\n${output.split("\n").slice(-20).join("\n")}`,
    );
  }
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A package of the benchmark's own, loaded from bench/node_modules. */
export const benchRequire = (name: string): unknown =>
  createRequire(path.join(BENCH_DIR, "package.json"))(name);
