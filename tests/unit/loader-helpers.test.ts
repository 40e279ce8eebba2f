// The building blocks of every DataLoader: results in key order, null or empty for missing keys,
// duplicate keys answered alike, one loader per distinct argument set, and values read without a
// promise once their batch is back.
import { byKey, grouped, keyed, peekable } from "../../subgraphs/shared/loader-helpers";

const rows = [
  { id: 3, group: "b", n: 1 },
  { id: 1, group: "a", n: 2 },
  { id: 2, group: "b", n: 3 },
];

describe("byKey", () => {
  it("answers in key order, not row order", () => {
    expect(byKey([1, 2, 3], rows, (r) => r.id).map((r) => r?.id)).toEqual([1, 2, 3]);
    expect(byKey([2, 3, 1], rows, (r) => r.id).map((r) => r?.id)).toEqual([2, 3, 1]);
  });

  it("answers null for a key without a row, and for every key of no rows", () => {
    expect(byKey([4, 1], rows, (r) => r.id)).toEqual([null, rows[1]]);
    expect(byKey(["x", "y"], [], (r: { id: string }) => r.id)).toEqual([null, null]);
    expect(byKey([], rows, (r) => r.id)).toEqual([]);
  });

  it("gives a key asked twice the same row, and keeps the last row of a duplicate key", () => {
    const result = byKey([1, 1], rows, (r) => r.id);
    expect(result[0]).toBe(rows[1]);
    expect(result[1]).toBe(rows[1]);
    const dup = [
      { id: 1, v: "first" },
      { id: 1, v: "last" },
    ];
    expect(byKey([1], dup, (r) => r.id)[0]?.v).toBe("last");
  });

  it("compares keys strictly: 1 is not '1'", () => {
    expect(byKey(["1"], rows, (r) => r.id as unknown as string)).toEqual([null]);
  });
});

describe("grouped", () => {
  it("answers each key's rows in key order, keeping the rows' order", () => {
    expect(grouped(["b", "a"], rows, (r) => r.group).map((g) => g.map((r) => r.id))).toEqual([
      [3, 2],
      [1],
    ]);
  });

  it("answers an empty list for a missing key and ignores rows of keys not asked", () => {
    expect(grouped(["c", "a"], rows, (r) => r.group).map((g) => g.map((r) => r.id))).toEqual([
      [],
      [1],
    ]);
  });

  it("gives a key asked twice the same rows, each row once", () => {
    const result = grouped(["b", "b"], rows, (r) => r.group);
    expect(result[0]).toBe(result[1]);
    expect(result[0].map((r) => r.id)).toEqual([3, 2]);
  });
});

describe("keyed", () => {
  it("makes one loader per distinct argument set, on first use", () => {
    const made: unknown[] = [];
    const loaderFor = keyed((args: { status: string | null; first?: number }) => {
      made.push(args);
      return { args };
    });
    const a = loaderFor({ status: "FILED" });
    expect(loaderFor({ status: "FILED" })).toBe(a);
    expect(loaderFor({ status: null })).not.toBe(a);
    expect(loaderFor({ status: "FILED", first: 10 })).not.toBe(a);
    expect(made).toHaveLength(3);
  });

  it("tells null from a missing argument and from the string 'null'", () => {
    const loaderFor = keyed((status: string | null | undefined) => ({ status }));
    const values = [null, undefined, "null"].map((s) => loaderFor(s));
    expect(new Set(values).size).toBe(3);
  });
});

describe("peekable", () => {
  it("has nothing to peek before a batch, then what it brought, except errors", async () => {
    const batches: number[][] = [];
    const loader = peekable<number, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => (k < 0 ? new Error(`no ${k}`) : `v${k}`));
    });
    expect(loader.peek(1)).toBeUndefined();
    const many = await loader.loadMany([1, 2, -3]);
    expect(many[2]).toBeInstanceOf(Error);
    expect([loader.peek(1), loader.peek(2), loader.peek(-3)]).toEqual(["v1", "v2", undefined]);
    // The loader's own cache still answers: no second batch.
    await expect(loader.load(1)).resolves.toBe("v1");
    await expect(loader.load(-3)).rejects.toThrow("no -3");
    expect(batches).toEqual([[1, 2, -3]]);
  });
});
