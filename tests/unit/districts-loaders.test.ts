// The districts loaders with hand-written SQL, against a real in-memory SQLite database: answers
// in key order, a default for keys without rows, one statement per batch.
import { Activity } from "../../subgraphs/districts/entities/activity.entity";
import { Demand } from "../../subgraphs/districts/entities/demand.entity";
import { District } from "../../subgraphs/districts/entities/district.entity";
import { Participation } from "../../subgraphs/districts/entities/participation.entity";
import { StationEvent } from "../../subgraphs/districts/entities/station-event.entity";
import { Station } from "../../subgraphs/districts/entities/station.entity";
import { createLoaders } from "../../subgraphs/districts/loaders";
import {
  ActivityType,
  DemandStatus,
  StationHostType,
  StationStatus,
} from "../../subgraphs/districts/vocabulary";
import { ServiceCategory } from "../../subgraphs/shared/vocabulary";
import { memoryDb, type MemoryDb } from "../helpers/memory-db";

let mem: MemoryDb;
let loaders: () => ReturnType<typeof createLoaders>;

/** Stations 1-3 in 440303, 4-5 in 440305; demands at 1 and 3; activities 1-3 with crews. */
beforeAll(async () => {
  mem = await memoryDb([District, Station, StationEvent, Demand, Activity, Participation]);
  loaders = () => createLoaders(mem.db);
  const { FILED, SUBMITTED } = StationStatus;
  const station = (n: number, districtCode: string, status: StationStatus) => ({
    districtCode,
    externalId: `ST-${n}`,
    name: `工作站${n}`,
    hostType: StationHostType.SME_PARK,
    status,
    categories: [ServiceCategory.POLICY],
    address: `地址${n}`,
  });
  await mem.db
    .getRepository(Station)
    .insert([
      station(1, "440303", FILED),
      station(2, "440303", SUBMITTED),
      station(3, "440303", FILED),
      station(4, "440305", FILED),
      station(5, "440305", FILED),
    ]);
  const demand = (n: number, stationId: number, status: DemandStatus, collectedOn: string) => ({
    districtCode: "440303",
    externalId: `DM-${n}`,
    stationId,
    enterpriseName: `企业${n}`,
    creditCode: "91440300MA5F3K0013",
    category: ServiceCategory.FINANCING,
    description: "需求",
    status,
    collectedOn,
  });
  await mem.db
    .getRepository(Demand)
    .insert([
      demand(1, 1, DemandStatus.OPEN, "2026-01-05"),
      demand(2, 1, DemandStatus.OPEN, "2026-02-01"),
      demand(3, 1, DemandStatus.RESOLVED, "2026-03-01"),
      demand(4, 3, DemandStatus.MATCHED, "2025-12-31"),
    ]);
  const activity = (n: number, heldOn: string) => ({
    districtCode: "440303",
    externalId: `AC-${n}`,
    stationId: 1,
    type: ActivityType.SALON,
    category: ServiceCategory.POLICY,
    title: `活动${n}`,
    heldOn,
  });
  await mem.db
    .getRepository(Activity)
    .insert([activity(1, "2026-01-10"), activity(2, "2026-02-10"), activity(3, "2026-02-10")]);
  const served = (activityId: number, volunteerId: number, hours: number, verified = true) => ({
    activityId,
    volunteerId,
    hours,
    verified,
  });
  await mem.db
    .getRepository(Participation)
    .insert([
      served(1, 7, 2.5),
      served(2, 7, 1.25),
      served(3, 7, 1),
      served(1, 8, 3),
      served(2, 8, 4, false),
      served(2, 9, 2, false),
    ]);
});
afterAll(() => mem?.close());

describe("stationDemandFigures", () => {
  it("answers in key order with zero and null for a station without demands", async () => {
    const l = loaders();
    let figures: unknown[] = [];
    const statements = await mem.statements(async () => {
      figures = await l.stationDemandFigures.loadMany([3, 99, 1, 2]);
    });
    expect(figures).toEqual([
      { openDemandCount: 0, lastDemandAt: "2025-12-31" },
      { openDemandCount: 0, lastDemandAt: null },
      { openDemandCount: 2, lastDemandAt: "2026-03-01" },
      { openDemandCount: 0, lastDemandAt: null },
    ]);
    expect(statements).toBe(1);
  });
});

describe("stationCount", () => {
  it("counts each district's stations in key order, 0 for a district without", async () => {
    const l = loaders();
    expect(await l.stationCount(null).loadMany(["440305", "440399", "440303"])).toEqual([2, 0, 3]);
    expect(await l.stationCount(StationStatus.FILED).loadMany(["440303", "440305"])).toEqual([
      2, 2,
    ]);
    expect(await l.stationCount(StationStatus.REVOKED).loadMany(["440303"])).toEqual([0]);
  });

  it("sends one statement per status asked, whatever the number of districts", async () => {
    const l = loaders();
    const statements = await mem.statements(() =>
      Promise.all([
        l.stationCount(null).loadMany(["440303", "440305", "440306"]),
        l.stationCount(StationStatus.FILED).loadMany(["440303", "440305"]),
      ]),
    );
    expect(statements).toBe(2);
  });

  it("keeps each volunteer's `first` latest only, in one windowed query", async () => {
    const l = loaders();
    let lists: unknown[] = [];
    const statements = await mem.statements(async () => {
      lists = await l.volunteerActivities(2).loadMany([7, 8]);
    });
    expect((lists as Activity[][]).map((list) => list.map((a) => a.externalId))).toEqual([
      ["AC-3", "AC-2"],
      ["AC-1"],
    ]);
    expect(statements).toBe(2);
  });
});

describe("stationPage", () => {
  const ids = (pages: unknown[]) => (pages as Station[][]).map((page) => page.map((s) => s.id));

  it("answers each district's first stations by id, in key order, [] when none", async () => {
    const l = loaders();
    const page = l.stationPage({ status: null, first: 1, afterId: null });
    let pages: unknown[] = [];
    const statements = await mem.statements(async () => {
      pages = await page.loadMany(["440305", "440399", "440303"]);
    });
    // first + 1 rows, so the resolver can tell whether there is a next page.
    expect(ids(pages)).toEqual([[4, 5], [], [1, 2]]);
    expect(statements).toBe(2);
  });

  it("filters by status and starts after the cursor", async () => {
    const l = loaders();
    const filed = l.stationPage({ status: StationStatus.FILED, first: 5, afterId: 1 });
    expect(ids(await filed.loadMany(["440303", "440305"]))).toEqual([[3], [4, 5]]);
    const none = l.stationPage({ status: null, first: 5, afterId: 99 });
    expect(ids(await none.loadMany(["440303"]))).toEqual([[]]);
  });
});

describe("volunteerHours", () => {
  it("sums verified hours in key order, 0 for a volunteer without", async () => {
    const l = loaders();
    let hours: unknown[] = [];
    const statements = await mem.statements(async () => {
      hours = await l.volunteerHours.loadMany([9, 8, 404, 7]);
    });
    expect(hours).toEqual([0, 3, 0, 4.75]);
    expect(statements).toBe(1);
  });
});

describe("volunteerActivities", () => {
  it("lists verified activities newest first, in key order, [] for a volunteer without", async () => {
    const l = loaders();
    let lists: unknown[] = [];
    const statements = await mem.statements(async () => {
      lists = await l.volunteerActivities(20).loadMany([8, 9, 7, 404]);
    });
    expect((lists as Activity[][]).map((list) => list.map((a) => a.externalId))).toEqual([
      ["AC-1"],
      [],
      ["AC-3", "AC-2", "AC-1"],
      [],
    ]);
    expect(statements).toBe(2);
  });

  it("keeps each volunteer's `first` latest only, in one windowed query", async () => {
    const l = loaders();
    let lists: unknown[] = [];
    const statements = await mem.statements(async () => {
      lists = await l.volunteerActivities(2).loadMany([7, 8]);
    });
    expect((lists as Activity[][]).map((list) => list.map((a) => a.externalId))).toEqual([
      ["AC-3", "AC-2"],
      ["AC-1"],
    ]);
    expect(statements).toBe(2);
  });
});
