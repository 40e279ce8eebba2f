// What `npm ci` installs, read from the lockfiles: every package of the hub's install runs on the
// oldest Node the hub supports (no EBADENGINE warning) and finds peers it accepts (no ERESOLVE
// warning, overrides in package.json aside); the benchmark's own packages are not the hub's but
// bench/package.json's, and sit alone at the top of bench/node_modules so that the benchmark's
// sources still find every other package in the hub's node_modules.
import fs from "node:fs";
import path from "node:path";
import semver from "semver";

const ROOT = path.join(__dirname, "..", "..");
const json = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

interface Locked {
  version?: string;
  engines?: { node?: string } | string[];
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const manifest = json("package.json");
const locked: Record<string, Locked> = json("package-lock.json").packages;
const nameOf = (key: string) =>
  key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);

/** The package `name` as Node finds it from the package installed at `key`. */
function resolve(key: string, name: string): Locked | undefined {
  for (let dir = key; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
    const found = locked[`${dir ? `${dir}/` : ""}node_modules/${name}`];
    if (found || !dir) return found;
  }
}

describe("the hub's install (package-lock.json)", () => {
  it("holds no package that asks for a newer Node than the hub's oldest", () => {
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    const newer = Object.entries(locked)
      .filter(([key, p]) => key && !Array.isArray(p.engines) && p.engines?.node)
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node))
      .map(([key, p]) => `${key}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect({ oldest, newer }).toEqual({ oldest: "20.19.0", newer: [] });
  });

  it("gives every package peers it accepts, but those package.json overrides", () => {
    const overridden = (key: string, peer: string) => {
      const rule = manifest.overrides?.[nameOf(key)];
      return typeof rule === "object" && peer in rule;
    };
    const unmet = Object.entries(locked).flatMap(([key, p]) =>
      Object.entries(p.peerDependencies ?? {})
        .filter(([peer]) => !overridden(key, peer))
        .flatMap(([peer, range]) => {
          const found = resolve(key, peer);
          if (!found) return p.peerDependenciesMeta?.[peer]?.optional ? [] : [`${key}: no ${peer}`];
          const ok = semver.satisfies(found.version!, range, { includePrerelease: true });
          return ok ? [] : [`${key}: ${peer}@${found.version} is not ${range}`];
        }),
    );
    expect(unmet).toEqual([]);
  });

  it("holds none of the benchmark's own packages", () => {
    const bench = Object.keys(json("bench/package.json").dependencies);
    expect(bench).toEqual(expect.arrayContaining(["@graphql-hive/gateway", "autocannon"]));
    const hub = { ...manifest.dependencies, ...manifest.devDependencies };
    // graphql is the one shared on purpose: pinned to the hub's version and installed at the top of
    // bench/node_modules, so that Hive Gateway and its Rust planner's runtime share one copy.
    expect(
      bench.filter((name) => name !== "graphql" && (name in hub || resolve("", name))),
    ).toEqual([]);
    expect(json("bench/package.json").dependencies.graphql).toBe(hub.graphql);
  });
});

describe("the benchmark's install (bench/package-lock.json)", () => {
  it("puts only bench/package.json's packages at the top of bench/node_modules", () => {
    const bench = json("bench/package.json");
    const top = Object.keys(json("bench/package-lock.json").packages)
      .filter((key) => /^node_modules\/(@[^/]+\/)?[^/@][^/]*$/.test(key))
      .map(nameOf);
    expect(top.sort()).toEqual(Object.keys(bench.dependencies).sort());
  });
});
