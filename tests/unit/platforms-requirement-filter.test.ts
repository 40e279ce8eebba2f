// The SQL step of the mentorRequirementMet filter (one GROUP BY over the filtered platforms) on a
// real in-memory SQLite database: platforms decided by their group's size need no call to corps.
import type { HubConfig } from "../../runtime/config";
import { Mentor } from "../../subgraphs/platforms/entities/mentor.entity";
import { Platform } from "../../subgraphs/platforms/entities/platform.entity";
import { idsByRequirement } from "../../subgraphs/platforms/services/requirement-filter.service";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;
/** No gateway: a call to corps would fail the test. */
const noGateway = { servers: { gatewayUrl: "http://127.0.0.1:9/graphql" } } as HubConfig;

beforeAll(async () => {
  mem = await memoryDb([Platform, Mentor]);
  const platform = (name: string, kind: string, districtCode: string) => ({
    name,
    kind,
    operatorName: "运营方",
    districtCode,
    status: "CERTIFIED",
    appliedOn: "2026-01-05",
  });
  await mem.db.getRepository(Platform).insert([
    platform("综合一", "COMPREHENSIVE_BASE", "440305"), // 1: 2 mentors, short of 3
    platform("公共一", "PUBLIC_SERVICE", "440305"), // 2: no minimum
    platform("专业一", "SPECIALISED_BASE", "440305"), // 3: no mentor
    platform("公共二", "PUBLIC_SERVICE", "440306"), // 4: another district
    platform("综合二", "COMPREHENSIVE_BASE", "440305"), // 5: none
  ] as never);
  await mem.db.getRepository(Mentor).insert([
    { platformId: 1, volunteerId: 11, since: "2026-01-05" },
    { platformId: 1, volunteerId: 12, since: "2026-01-05" },
    { platformId: 2, volunteerId: 11, since: "2026-01-05" },
  ]);
});
afterAll(() => mem?.close());

const inDistrict = (code: string) =>
  mem.db
    .getRepository(Platform)
    .createQueryBuilder("p")
    .andWhere("p.districtCode = :code", { code });

describe("idsByRequirement, decided by group size", () => {
  it("lists the met and the unmet in id order, with one statement", async () => {
    let met: number[] = [];
    let unmet: number[] = [];
    const statements = await mem.statements(async () => {
      met = await idsByRequirement(mem.db, noGateway, inDistrict("440305"), true);
    });
    unmet = await idsByRequirement(mem.db, noGateway, inDistrict("440305"), false);
    expect(met).toEqual([2]);
    expect(unmet).toEqual([1, 3, 5]);
    expect(statements).toBe(1);
  });

  it("keeps the other filters", async () => {
    expect(await idsByRequirement(mem.db, noGateway, inDistrict("440306"), true)).toEqual([4]);
    expect(await idsByRequirement(mem.db, noGateway, inDistrict("440399"), true)).toEqual([]);
  });
});
