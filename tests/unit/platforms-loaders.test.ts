// The platforms loader with hand-written SQL (certified platforms per district), against a real
// in-memory SQLite database: key order, 0 for a district without, one statement per batch.
import { Mentor } from "../../subgraphs/platforms/entities/mentor.entity";
import { Platform } from "../../subgraphs/platforms/entities/platform.entity";
import { createLoaders } from "../../subgraphs/platforms/loaders";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;

beforeAll(async () => {
  mem = await memoryDb([Platform, Mentor]);
  const platform = (name: string, districtCode: string, status: string) => ({
    name,
    kind: "PUBLIC_SERVICE",
    operatorName: "运营方",
    districtCode,
    status,
    appliedOn: "2026-01-05",
  });
  await mem.db
    .getRepository(Platform)
    .insert([
      platform("南山平台一", "440305", "CERTIFIED"),
      platform("南山平台二", "440305", "CERTIFIED"),
      platform("南山平台三", "440305", "APPLIED"),
      platform("福田平台", "440303", "REVOKED"),
      platform("宝安平台", "440306", "CERTIFIED"),
    ] as never);
});
afterAll(() => mem?.close());

describe("certifiedCount", () => {
  it("counts certified platforms per district, in key order, 0 when none", async () => {
    const { certifiedCount } = createLoaders(mem.db);
    let counts: unknown[] = [];
    const statements = await mem.statements(async () => {
      counts = await certifiedCount.loadMany(["440306", "440303", "440399", "440305"]);
    });
    expect(counts).toEqual([1, 0, 0, 2]);
    expect(statements).toBe(1);
  });
});
