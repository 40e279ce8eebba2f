// validateRow (subgraphs/shared/validation/rows.ts) runs a batch row's class-validator constraints
// itself and asks validateSync only when one refuses: its answer must be validateSync's, row for
// row, for good rows and for every kind of bad one.
import "reflect-metadata";
import { validateSync } from "class-validator";
import { DemandInput } from "../../subgraphs/districts/inputs/demand.input";
import { StationInput } from "../../subgraphs/districts/inputs/station.input";
import { ActivityInput } from "../../subgraphs/districts/inputs/activity.input";
import { applyTextRules } from "../../subgraphs/shared/validation/text";
import { checkedHere, validateRow } from "../../subgraphs/shared/validation/rows";

beforeAll(() => applyTextRules());

const station = (extra: Record<string, unknown> = {}) =>
  Object.assign(new StationInput(), {
    externalId: "YT-1",
    name: "盐田港创新中心1号工作站",
    hostType: "SME_PARK",
    address: "深圳市盐田区海山街道深盐路1号",
    categories: ["POLICY", "FINANCING"],
    contactName: "林晓东",
    contactPhone: "13800138000",
    ...extra,
  });

const same = (row: object) => {
  const expected = JSON.parse(JSON.stringify(validateSync(row))) as unknown;
  expect(JSON.parse(JSON.stringify(validateRow(row)))).toEqual(expected);
  return expected as unknown[];
};

describe("validateRow", () => {
  it("checks stations and demands itself; activities (nested participants) by validateSync", () => {
    expect(checkedHere(StationInput)).toBe(true);
    expect(checkedHere(DemandInput)).toBe(true);
    expect(checkedHere(ActivityInput)).toBe(false);
    expect(checkedHere(Object)).toBe(false);
  });

  it("accepts what validateSync accepts", () => {
    expect(same(station())).toEqual([]);
    expect(same(station({ contactName: undefined, contactPhone: null, venue: null }))).toEqual([]);
    expect(same(station({ venue: "", equipment: "投影仪\n白板" }))).toEqual([]);
  });

  it("refuses what validateSync refuses, with its very errors", () => {
    const bad: Array<Record<string, unknown>> = [
      { externalId: "bad id!" },
      { externalId: "YT\u00001" },
      { name: "x" },
      { name: "林\n晓梅工作站" },
      { name: "非字符\ufffe测试工作站" },
      { address: "短" },
      { categories: [] },
      { categories: ["POLICY", "POLICY"] },
      { categories: Array.from({ length: 11 }, (_, i) => `C${i}`) },
      { contactName: "林" },
      { contactPhone: "12345" },
      { contactPhone: "1380013800\u0007" },
      { venue: "a".repeat(501) },
      { equipment: "坏\u001b字符" },
      { name: 42, address: null },
      { name: "x", contactPhone: "1", externalId: "" },
    ];
    for (const extra of bad) expect(same(station(extra)).length).toBeGreaterThan(0);
  });

  it("answers validateSync's unknown-value error for a plain object", () => {
    expect(same({ externalId: "YT-1" })).toHaveLength(1);
  });

  it("checks a plain row (as GraphQL coerced it) by the class given, with validateSync's errors on an instance", () => {
    const plain = (extra: Record<string, unknown> = {}) => ({ ...station(extra) });
    expect(validateRow(plain(), StationInput)).toEqual([]);
    for (const extra of [
      { externalId: "bad id!" },
      { categories: [] },
      { name: "x", venue: "a".repeat(501) },
    ]) {
      const row = plain(extra);
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      const errors = JSON.parse(JSON.stringify(validateRow(row, StationInput))) as unknown[];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors).toEqual(JSON.parse(JSON.stringify(validateSync(station(extra)))));
    }
  });
});
