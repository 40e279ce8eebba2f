// Sums a V8 CPU profile (node --cpu-prof; npm run bench -- --profile DIR) by where time was spent:
// self time per package (or "hub" for our own code, "node" for Node's internals) and the top
// functions. node dist/bench/profile.js [--window A-B,C-D] DIR/*.cpuprofile; --window keeps the
// samples inside the bench's timed windows (its log prints them under --profile: monotonic µs, the
// clock V8 stamps profiles with).
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Timed windows, [start, end] in monotonic µs. */
export type Windows = Array<[number, number]>;

export function packageOf(url: string): string {
  if (!url) return "(native/gc/idle)";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) {
    const all = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
    return all[all.length - 1][1];
  }
  if (url.startsWith("node:")) return "node";
  return "hub";
}

export function summarise(profile: Profile, top = 15, windows?: Windows) {
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (windows && !windows.some(([start, end]) => at >= start && at <= end)) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    total += us;
    const pkg = functionName === "(garbage collector)" ? "(gc)" : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
  return { totalMs: total / 1000, packages: rank(byPackage), functions: rank(byFunction) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--window");
  const windows =
    at >= 0
      ? args[at + 1].split(",").map((range) => range.split("-").map(Number) as [number, number])
      : undefined;
  if (at >= 0) args.splice(at, 2);
  for (const file of args) {
    const { totalMs, packages, functions } = summarise(
      JSON.parse(fs.readFileSync(file, "utf8")) as Profile,
      15,
      windows,
    );
    console.log(
      `\n== ${file}: ${totalMs.toFixed(0)} ms busy\n-- by package\n${packages.join("\n")}`,
    );
    console.log(`-- by function (self)\n${functions.join("\n")}`);
  }
}
