// The corps loaders with hand-written SQL (appointed volunteers per branch and per district, from
// the kept counts built from the rows), against a real in-memory SQLite database: key order, 0 for
// keys without rows, one statement.
import { Branch } from "../../subgraphs/corps/entities/branch.entity";
import { Volunteer } from "../../subgraphs/corps/entities/volunteer.entity";
import { VolunteerCount } from "../../subgraphs/corps/entities/volunteer-count.entity";
import { createLoaders } from "../../subgraphs/corps/loaders";
import { rebuildVolunteerCounts } from "../../subgraphs/corps/services/volunteer-counts";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;

/** Branches 1 and 2 are 440305's, 3 is 440303's, 4 is an industry branch (no district). */
beforeAll(async () => {
  mem = await memoryDb([Branch, Volunteer, VolunteerCount]);
  const branch = (name: string, kind: string, districtCode: string | null) => ({
    name,
    kind,
    districtCode,
  });
  await mem.db
    .getRepository(Branch)
    .insert([
      branch("南山一分会", "REGION", "440305"),
      branch("南山二分会", "REGION", "440305"),
      branch("福田分会", "REGION", "440303"),
      branch("金融分会", "INDUSTRY", null),
    ] as never);
  let n = 0;
  const volunteer = (branchId: number, status: string) => ({
    name: `专家${++n}`,
    expertType: "POLICY",
    categories: ["POLICY"],
    status,
    contactPhone: "13800138000",
    idNumber: `44030519800101${String(n).padStart(4, "0")}`,
    branchId,
  });
  await mem.db
    .getRepository(Volunteer)
    .insert([
      volunteer(1, "APPOINTED"),
      volunteer(1, "APPOINTED"),
      volunteer(1, "SUSPENDED"),
      volunteer(2, "APPOINTED"),
      volunteer(3, "APPLIED"),
      volunteer(4, "APPOINTED"),
    ] as never);
  await rebuildVolunteerCounts(mem.db);
});
afterAll(() => mem?.close());

describe("branchVolunteerCount", () => {
  it("counts appointed volunteers per branch id, in key order, 0 when none", async () => {
    const { branchVolunteerCount } = createLoaders(mem.db);
    let counts: unknown[] = [];
    const statements = await mem.statements(async () => {
      counts = await branchVolunteerCount.loadMany([3, 99, 2, 1, 4]);
    });
    expect(counts).toEqual([0, 0, 1, 2, 1]);
    expect(statements).toBe(1);
  });
});

describe("districtVolunteerCount", () => {
  it("counts appointed volunteers of a district's branches, in key order, 0 when none", async () => {
    const { districtVolunteerCount } = createLoaders(mem.db);
    let counts: unknown[] = [];
    const statements = await mem.statements(async () => {
      counts = await districtVolunteerCount.loadMany(["440303", "440399", "440305"]);
    });
    expect(counts).toEqual([0, 0, 3]);
    expect(statements).toBe(1);
  });
});
