// The Node flags npm start and the benchmark give every subgraph process (tools/subgraph-flags.ts):
// Node accepts them (a misspelt one would stop every subgraph at its start) and the young
// generation grows past V8's default of 16 MB a semi-space (32 MB of new space) under them.
import { execFileSync } from "node:child_process";
import { SUBGRAPH_NODE_FLAGS } from "../../tools/subgraph-flags";

/** Allocates objects that survive a while, then prints the new space's size in bytes. */
const GROW = `
const v8 = require("node:v8");
let kept = [];
for (let i = 0; i < 3e6; i++) { kept.push({ i }); if (kept.length > 2e5) kept = []; }
process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size));
`;

const newSpaceUnder = (flags: readonly string[]) =>
  Number(execFileSync(process.execPath, [...flags, "-e", GROW]).toString());

describe("a subgraph process's Node flags", () => {
  it("are accepted by Node and let the young generation grow past the default", () => {
    const MB = 1024 * 1024;
    expect(newSpaceUnder([])).toBeLessThanOrEqual(32 * MB);
    expect(newSpaceUnder(SUBGRAPH_NODE_FLAGS)).toBeGreaterThan(32 * MB);
  });
});
