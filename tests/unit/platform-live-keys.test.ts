// The live keys that let the database keep one live platform per source station and per name in a
// district: which states hold them, how names compare, and how platforms written before the keys
// existed are keyed (the migration, and an older SQLite file at start), on in-memory SQLite.
import { Platform } from "../../subgraphs/platforms/entities/platform.entity";
import {
  comparableName,
  keyLivePlatforms,
  liveKeys,
  nameKey,
} from "../../subgraphs/platforms/services/live-keys";
import { PlatformStatus } from "../../subgraphs/platforms/vocabulary";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

describe("live keys", () => {
  const platform = (status: PlatformStatus) => ({
    status,
    name: "南山示范平台",
    districtCode: "440305",
    sourceStationId: 12,
  });

  it("are held while APPLIED or CERTIFIED, and by nobody REJECTED or REVOKED", () => {
    for (const status of [PlatformStatus.APPLIED, PlatformStatus.CERTIFIED]) {
      expect(liveKeys(platform(status))).toEqual({
        liveSourceStationId: 12,
        liveNameKey: nameKey("440305", "南山示范平台"),
      });
    }
    for (const status of [PlatformStatus.REJECTED, PlatformStatus.REVOKED])
      expect(liveKeys(platform(status))).toEqual({ liveSourceStationId: null, liveNameKey: null });
    expect(liveKeys({ ...platform(PlatformStatus.APPLIED), sourceStationId: null })).toMatchObject({
      liveSourceStationId: null,
    });
  });

  it("compare names aside from width, case and spacing, within one district", () => {
    expect(comparableName("  ＡＢＣ\u3000示范  平台 ")).toBe("abc 示范 平台");
    expect(nameKey("440305", "ABC 示范平台")).toBe(nameKey("440305", "ａｂｃ　示范平台"));
    expect(nameKey("440305", "ABC示范平台")).not.toBe(nameKey("440305", "ABC 示范平台"));
    expect(nameKey("440305", "ABC示范平台")).not.toBe(nameKey("440306", "ABC示范平台"));
    expect(nameKey("440305", "名".repeat(200))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("keying platforms written before the keys", () => {
  let mem: MemoryDb;
  beforeAll(async () => {
    mem = await memoryDb([Platform]);
  });
  afterAll(() => mem?.close());

  it("keys the live ones, oldest first; where data breaks the rule the later one is left out and named", async () => {
    const row = (name: string, sourceStationId: number | null, status: PlatformStatus) => ({
      name,
      kind: "PUBLIC_SERVICE",
      operatorName: "运营方",
      districtCode: "440305",
      sourceStationId,
      status,
      appliedOn: "2024-03-01",
    });
    const { APPLIED, CERTIFIED, REJECTED, REVOKED } = PlatformStatus;
    await mem.db.getRepository(Platform).insert([
      row("甲平台", 1, CERTIFIED), // 1
      row("乙平台", 1, APPLIED), // 2: the station of 1
      row("甲平台", null, REJECTED), // 3: not live
      row("丙平台", 3, REVOKED), // 4: not live
      row("甲 平台", 3, APPLIED), // 5: free station, not quite the name of 1
      row("ｂ平台", null, APPLIED), // 6
      row("B平台", null, CERTIFIED), // 7: the name of 6
    ] as never);
    const query = (sql: string, parameters?: unknown[]) => mem.db.query(sql, parameters);
    expect(await keyLivePlatforms(query)).toEqual([
      { platformId: 2, key: "liveSourceStationId", heldBy: 1 },
      { platformId: 7, key: "liveNameKey", heldBy: 6 },
    ]);
    const keyed = await mem.db.getRepository(Platform).find({
      select: { id: true, liveSourceStationId: true, liveNameKey: true },
      order: { id: 1 },
    });
    expect(keyed.map((p) => [p.id, p.liveSourceStationId, p.liveNameKey])).toEqual([
      [1, 1, nameKey("440305", "甲平台")],
      [2, null, nameKey("440305", "乙平台")],
      [3, null, null],
      [4, null, null],
      [5, 3, nameKey("440305", "甲 平台")],
      [6, null, nameKey("440305", "b平台")],
      [7, null, null],
    ]);
    // Run again (every start on SQLite), it changes nothing and names the same two.
    expect(await keyLivePlatforms(query)).toHaveLength(2);
  });
});
