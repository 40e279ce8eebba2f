// The log's repeat filter (runtime/log.ts): at most N lines per kind and window, then one line
// counting the rest; kinds are counted apart.
import { Writable } from "node:stream";
import { createLogger, RepeatFilter } from "../../runtime/log";

function setup(max: number) {
  const lines: Array<Record<string, any>> = [];
  const log = createLogger(
    "test",
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  let now = 1_000_000;
  const filter = new RepeatFilter(log, max, 60_000, () => now);
  return { lines, filter, advance: (ms: number) => (now += ms) };
}

describe("RepeatFilter", () => {
  it("logs the first N of a kind in a minute and counts the rest in one line", () => {
    const { lines, filter, advance } = setup(3);
    for (let i = 0; i < 10; i += 1) filter.warn("aborted", { i }, "request aborted");
    expect(lines.map((l) => l.i)).toEqual([0, 1, 2]);
    advance(60_000);
    filter.flush();
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({
      kind: "aborted",
      suppressed: 7,
      level: 40,
      msg: "request aborted: 7 more like it suppressed",
    });
  });

  it("counts kinds apart, and starts over in the next window", () => {
    const { lines, filter, advance } = setup(1);
    filter.info("a", {}, "A");
    filter.info("a", {}, "A");
    filter.info("b", {}, "B");
    expect(lines.map((l) => l.kind)).toEqual(["a", "b"]);
    advance(61_000);
    filter.info("a", {}, "A");
    expect(lines.map((l) => [l.kind, l.suppressed])).toEqual([
      ["a", undefined],
      ["b", undefined],
      ["a", 1],
      ["a", undefined],
    ]);
  });

  it("says nothing more when nothing was suppressed", () => {
    const { lines, filter, advance } = setup(5);
    filter.error("x", {}, "X");
    advance(120_000);
    filter.flush();
    expect(lines).toHaveLength(1);
  });
});
