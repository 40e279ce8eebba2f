// Districts publish stations, demands and activities through the gateway: mixed batches, idempotent
// re-publishing, cross-district refusal, the batch limit, participants checked with corps.
import { addDays, daysFromToday, today } from "../../runtime/dates";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import { idNumberCheckChar } from "../../subgraphs/shared/validation/id-number";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute, executeExpectingError } from "../helpers/graphql";

type Rejected = { index: number; externalId?: string; message: string };
type Published = { created: number; updated: number; unchanged: number; rejected: Rejected[] };
type Stations = { district: { stations: { nodes: Array<{ id: string; externalId: string }> } } };
type Hours = { volunteer: { serviceHours: number } };

let fed: Federation;
let operator: string;
beforeAll(async () => {
  fed = await bootFederation();
  operator = await fed.token("DISTRICT_OPERATOR", { district: "440308" });
});
afterAll(() => fed?.stop());

const PUBLISH_STATIONS = contractOperation("PublishStations");
const PUBLISH_DEMANDS = contractOperation("PublishDemands");
const PUBLISH_ACTIVITIES = contractOperation("PublishActivities");
const STATIONS = contractOperation("DistrictStations");

const station = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `YT-NEW-${n}`,
  name: `盐田港创新中心${n}号工作站`,
  hostType: "SME_PARK",
  address: `深圳市盐田区海山街道深盐路${n}号`,
  categories: ["POLICY", "FINANCING"],
  contactName: "林晓东",
  contactPhone: "13800138000",
  ...extra,
});
const code = (body: string) => body + creditCodeCheckChar(body);
const demand = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `YT-DM-${n}`,
  stationExternalId: "YT-NEW-1",
  enterpriseName: `深圳市盐田海港物流有限公司${n}`,
  creditCode: code(`91440300MA5F3K${String(n).padStart(3, "0")}`),
  category: "FINANCING",
  focusGroup: "WOMEN",
  specialised: true,
  description: "需要对接银行贷款",
  collectedOn: "2025-03-01",
  ...extra,
});
const yesterday = daysFromToday(-1);

async function publish(query: string, variables: Record<string, unknown>, token = operator) {
  const data = await execute<Record<string, Published>>(fed.gatewayUrl, {
    query,
    variables,
    token,
  });
  return Object.values(data)[0];
}

async function countRows(table: string) {
  const rows = await fed.subgraphs.districts.db.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

describe("PublishStations", () => {
  it("writes the valid rows, reports the invalid ones by index, and is idempotent", async () => {
    const stations = [
      station(1),
      station(2, { categories: [] }),
      station(3, { contactPhone: "12345" }),
      station(4),
      station(1, { name: "重复的一行" }),
    ];
    const first = await publish(PUBLISH_STATIONS, { districtCode: "440308", stations });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.rejected.map((r) => [r.index, r.externalId])).toEqual([
      [1, "YT-NEW-2"],
      [2, "YT-NEW-3"],
      [4, "YT-NEW-1"],
    ]);
    expect(first.rejected[0].message).toMatch(/categories must name at least one/);
    expect(first.rejected[1].message).toMatch(/contactPhone must be a mainland mobile/);
    expect(first.rejected[2].message).toMatch(/appears twice in this batch \(rows 0 and 4\)/);

    const again = await publish(PUBLISH_STATIONS, {
      districtCode: "440308",
      stations: [station(1), station(4)],
    });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: [] });

    const changed = await publish(PUBLISH_STATIONS, {
      districtCode: "440308",
      stations: [station(1, { name: "盐田港创新中心（新址）" })],
    });
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
  });

  it("treats external ids that differ only in case as one record, and trims values", async () => {
    const result = await publish(PUBLISH_STATIONS, {
      districtCode: "440308",
      stations: [station(1, { externalId: "yt-new-1", name: "  盐田港创新中心（新址）  " })],
    });
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: [] });
    const twice = await publish(PUBLISH_STATIONS, {
      districtCode: "440308",
      stations: [
        station(30),
        station(30, { externalId: "yt-NEW-30" }),
        station(31, { categories: ["LEGAL", "LEGAL"] }),
      ],
    });
    expect(twice.rejected.map((r) => r.message)).toEqual([
      "externalId yt-NEW-30 appears twice in this batch (rows 0 and 1)",
      "categories must not repeat a category",
    ]);
  });

  it("gives each new station one audit event, in its own district only", async () => {
    const other = await fed.token("DISTRICT_OPERATOR", { district: "440303", sub: "op-440303" });
    const mine = await fed.token("DISTRICT_OPERATOR", { district: "440308", sub: "op-440308" });
    await publish(PUBLISH_STATIONS, { districtCode: "440303", stations: [station(50)] }, other);
    const result = await publish(
      PUBLISH_STATIONS,
      {
        districtCode: "440308",
        stations: [station(1, { name: "盐田港创新中心（再次发布）" }), station(50), station(51)],
      },
      mine,
    );
    expect(result).toMatchObject({ created: 2, updated: 1, rejected: [] });
    const events = await fed.subgraphs.districts.db.query(
      `SELECT s.districtCode AS district, s.externalId AS id, e.actor AS actor,
              e.fromStatus AS fromStatus, e.toStatus AS toStatus, e.comment AS comment
         FROM station s JOIN station_event e ON e.stationId = s.id
        WHERE s.externalId IN ('YT-NEW-1', 'YT-NEW-50', 'YT-NEW-51')
        ORDER BY s.districtCode, s.externalId, e.id`,
    );
    const first = { fromStatus: null, toStatus: "SUBMITTED", comment: "published" };
    expect(events).toEqual([
      { district: "440303", id: "YT-NEW-50", actor: "op-440303", ...first },
      // YT-NEW-1 was first published by the suite's operator (the helper's default subject).
      { district: "440308", id: "YT-NEW-1", actor: "test-district_operator", ...first },
      { district: "440308", id: "YT-NEW-50", actor: "op-440308", ...first },
      { district: "440308", id: "YT-NEW-51", actor: "op-440308", ...first },
    ]);
  });

  it("counts lengths as the database does (code points), rejecting the row, not the batch", async () => {
    const result = await publish(PUBLISH_STATIONS, {
      districtCode: "440308",
      stations: [station(40, { name: "❤️".repeat(101) }), station(41, { name: "❤️".repeat(100) })],
    });
    expect(result).toMatchObject({ created: 1 });
    expect(result.rejected).toEqual([
      { index: 0, externalId: "YT-NEW-40", message: "name must be 2-200 characters" },
    ]);
  });

  it("keeps the review state a reviewer set when a station is published again", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const list = await execute<Stations>(fed.gatewayUrl, {
      query: STATIONS,
      token: admin,
      variables: { districtCode: "440308", status: "SUBMITTED", first: 100 },
    });
    const id = list.district.stations.nodes.find((n) => n.externalId === "YT-NEW-4")!.id;
    await execute(fed.gatewayUrl, {
      query: contractOperation("ReviewStation"),
      token: operator,
      variables: { id, decision: "ACCEPT" },
    });
    await publish(PUBLISH_STATIONS, {
      districtCode: "440308",
      stations: [station(4, { address: "深圳市盐田区沙头角街道新址1号" })],
    });
    const after = await execute<{ _s: { stations: { nodes: unknown[] } } }>(fed.gatewayUrl, {
      query: `{ _s: district(code: "440308") { stations(status: UNDER_REVIEW, first: 100) { nodes { id address } } } }`,
      token: admin,
    });
    expect(after._s.stations.nodes).toContainEqual({
      id,
      address: "深圳市盐田区沙头角街道新址1号",
    });
  });

  it("refuses another district's operator and writes nothing", async () => {
    const before = await countRows("station");
    const other = await fed.token("DISTRICT_OPERATOR", { district: "440305" });
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: PUBLISH_STATIONS,
        token: other,
        variables: { districtCode: "440308", stations: [station(9)] },
      },
      "FORBIDDEN",
    );
    expect(response.errors![0].message).toMatch(
      /you operate district 440305 and cannot write district 440308/,
    );
    await executeExpectingError(
      fed.gatewayUrl,
      {
        query: PUBLISH_STATIONS,
        token: await fed.token("PUBLICITY_EDITOR"),
        variables: { districtCode: "440308", stations: [station(9)] },
      },
      "FORBIDDEN",
    );
    await executeExpectingError(
      fed.gatewayUrl,
      { query: PUBLISH_STATIONS, variables: { districtCode: "440308", stations: [station(9)] } },
      "UNAUTHENTICATED",
    );
    expect(await countRows("station")).toBe(before);
  });

  it("trims and checks the district code before the caller's district, as every text argument", async () => {
    // A padded code is its operator's district once trimmed.
    const padded = await publish(PUBLISH_STATIONS, {
      districtCode: " 440308\t",
      stations: [station(31)],
    });
    expect(padded).toMatchObject({ created: 1, rejected: [] });
    // A control character is the input's fault, said before any caller check, nothing written.
    const before = await countRows("station");
    const bad = { districtCode: "44\u00010308", stations: [station(32)] };
    for (const token of [
      undefined,
      operator,
      await fed.token("DISTRICT_OPERATOR", { district: "440305" }),
    ]) {
      const response = await executeExpectingError(
        fed.gatewayUrl,
        { query: PUBLISH_STATIONS, token, variables: bad },
        "BAD_USER_INPUT",
      );
      expect(response.errors![0].message).toMatch(/districtCode contains a control character/);
    }
    expect(await countRows("station")).toBe(before);
  });

  it("takes 1,000 rows in one call and refuses 1,001 naming the limit", async () => {
    const admin = await fed.token("CITY_ADMIN");
    const rows = Array.from({ length: 1000 }, (_, i) => station(1000 + i));
    const result = await publish(
      PUBLISH_STATIONS,
      { districtCode: "440392", stations: rows },
      admin,
    );
    expect(result).toEqual({ created: 1000, updated: 0, unchanged: 0, rejected: [] });
    const before = await countRows("station");
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: PUBLISH_STATIONS,
        token: admin,
        variables: { districtCode: "440392", stations: [...rows, station(5000)] },
      },
      "BAD_USER_INPUT",
    );
    expect(response.errors![0].message).toMatch(/at most 1000 stations; this one has 1001/);
    expect(await countRows("station")).toBe(before);
  });

  it("takes concurrent publishes into one district, each with its audit events", async () => {
    // Four uploads at once, twice: each gets all its rows and one audit event for each.
    const events = await countRows("station_event");
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, c) =>
          publish(PUBLISH_STATIONS, {
            districtCode: "440308",
            stations: Array.from({ length: 300 }, (_, i) =>
              station(10_000 * (round * 4 + c + 1) + i),
            ),
          }),
        ),
      );
      for (const result of results)
        expect(result).toEqual({ created: 300, updated: 0, unchanged: 0, rejected: [] });
    }
    expect(await countRows("station_event")).toBe(events + 2400);
  });
});

/** Files station YT-NEW-1 (ACCEPT, FILE) so that demands and activities can be published at it. */
async function fileFirstStation() {
  const admin = await fed.token("CITY_ADMIN");
  const list = await execute<Stations>(fed.gatewayUrl, {
    query: STATIONS,
    token: admin,
    variables: { districtCode: "440308", status: "SUBMITTED", first: 100 },
  });
  const node = list.district.stations.nodes.find((n) => n.externalId === "YT-NEW-1");
  if (!node) return;
  for (const decision of ["ACCEPT", "FILE"]) {
    await execute(fed.gatewayUrl, {
      query: contractOperation("ReviewStation"),
      token: admin,
      variables: { id: node.id, decision },
    });
  }
}

describe("PublishDemands", () => {
  beforeAll(fileFirstStation);

  it("takes demands only at FILED stations, and never moves a demand backwards", async () => {
    const atSubmitted = await publish(PUBLISH_DEMANDS, {
      districtCode: "440308",
      demands: [demand(50, { stationExternalId: "YT-NEW-4" })],
    });
    expect(atSubmitted.rejected[0].message).toMatch(
      /^station YT-NEW-4 is (SUBMITTED|UNDER_REVIEW); demands are collected only at FILED stations$/,
    );
    await publish(PUBLISH_DEMANDS, {
      districtCode: "440308",
      demands: [demand(51, { status: "RESOLVED", satisfaction: 4 })],
    });
    const back = await publish(PUBLISH_DEMANDS, {
      districtCode: "440308",
      demands: [demand(51, { status: "OPEN" })],
    });
    expect(back.rejected).toEqual([
      {
        index: 0,
        externalId: "YT-DM-51",
        message: "the demand is RESOLVED; it cannot go back to OPEN",
      },
    ]);
    const forward = await publish(PUBLISH_DEMANDS, {
      districtCode: "440308",
      demands: [demand(52)],
    });
    expect(forward.created).toBe(1);
    expect(
      await publish(PUBLISH_DEMANDS, {
        districtCode: "440308",
        demands: [demand(52, { status: "IN_SERVICE" })],
      }),
    ).toMatchObject({ updated: 1 });
  });

  it("checks credit codes and stations, writes the rest, and is idempotent", async () => {
    const bad = demand(2, { creditCode: "91440300MA5F3K2L7B" });
    const demands = [
      demand(1),
      bad,
      demand(3, { stationExternalId: "ST-440305-001" }),
      demand(4, { status: "RESOLVED", satisfaction: 5 }),
      demand(5, { satisfaction: 4 }),
    ];
    const result = await publish(PUBLISH_DEMANDS, { districtCode: "440308", demands });
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(result.rejected).toEqual([
      {
        index: 1,
        externalId: "YT-DM-2",
        message: `creditCode 91440300MA5F3K2L7B: the check character should be ${creditCodeCheckChar("91440300MA5F3K2L7")}`,
      },
      {
        index: 2,
        externalId: "YT-DM-3",
        message:
          "stationExternalId ST-440305-001: no such station in district 440308; publish the station first",
      },
      {
        index: 4,
        externalId: "YT-DM-5",
        message: "satisfaction is given only for a RESOLVED demand; this one is OPEN",
      },
    ]);
    expect(
      await publish(PUBLISH_DEMANDS, {
        districtCode: "440308",
        demands: [demand(1), demand(4, { status: "RESOLVED", satisfaction: 5 })],
      }),
    ).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      rejected: [],
    });
    const data = await execute<Stations>(fed.gatewayUrl, {
      query: STATIONS,
      token: operator,
      variables: { districtCode: "440308", status: "FILED", first: 100 },
    });
    expect(data.district.stations.nodes.find((n) => n.externalId === "YT-NEW-1")).toMatchObject({
      openDemandCount: 1,
      lastDemandAt: "2025-03-01T00:00:00.000Z",
    });
  });
});

describe("PublishActivities", () => {
  const appointed = () => fed.demo.volunteers.find((v) => v.status === "APPOINTED")!;
  const applied = () => fed.demo.volunteers.find((v) => v.status === "APPLIED")!;
  const activity = (n: number, extra: Record<string, unknown> = {}) => ({
    externalId: `YT-AC-${n}`,
    stationExternalId: "YT-NEW-1",
    type: "SALON",
    category: "FINANCING",
    title: "融资对接沙龙",
    heldOn: yesterday,
    feeCharged: 0,
    enterprisesServed: 12,
    participants: [{ volunteerId: String(appointed().id), hours: 2.5 }],
    ...extra,
  });

  it("refuses fees and volunteers who are not appointed, and credits verified hours", async () => {
    const hoursQuery = `query ($id: ID!) { volunteer(id: $id) { serviceHours } }`;
    const admin = await fed.token("CITY_ADMIN");
    const before = (
      await execute<Hours>(fed.gatewayUrl, {
        query: hoursQuery,
        token: admin,
        variables: { id: String(appointed().id) },
      })
    ).volunteer.serviceHours;
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [
        activity(1),
        activity(2, { feeCharged: 50 }),
        activity(3, { participants: [{ volunteerId: String(applied().id), hours: 2 }] }),
        activity(4, { participants: [{ volunteerId: "99999", hours: 2 }] }),
        activity(5, { stationExternalId: undefined, type: "ONLINE_CLINIC", participants: [] }),
      ],
    });
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(result.rejected.map((r) => [r.index, r.message])).toEqual([
      [
        1,
        "feeCharged 50: volunteer service is free; an activity that charges a fee cannot be published",
      ],
      [
        2,
        `volunteer ${applied().id} (${applied().name}) was APPLIED on ${yesterday}, not APPOINTED`,
      ],
      [3, "volunteer 99999 is not known to the corps"],
    ]);
    const after = (
      await execute<Hours>(fed.gatewayUrl, {
        query: hoursQuery,
        token: admin,
        variables: { id: String(appointed().id) },
      })
    ).volunteer.serviceHours;
    expect(after).toBeCloseTo(before + 2.5, 5);
    expect(
      await publish(PUBLISH_ACTIVITIES, { districtCode: "440308", activities: [activity(1)] }),
    ).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: [] });
    expect(
      await publish(PUBLISH_ACTIVITIES, {
        districtCode: "440308",
        activities: [
          activity(1, { participants: [{ volunteerId: String(appointed().id), hours: 3 }] }),
        ],
      }),
    ).toMatchObject({ updated: 1 });
  });

  it("treats volunteer 2 and 02 as the same participant", async () => {
    const id = String(appointed().id);
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [
        activity(10, {
          participants: [
            { volunteerId: id, hours: 2 },
            { volunteerId: `0${id}`, hours: 3 },
          ],
        }),
        activity(11),
      ],
    });
    expect(result).toMatchObject({ created: 1 });
    expect(result.rejected).toEqual([
      {
        index: 0,
        externalId: "YT-AC-10",
        message: `volunteer ${id} is listed twice among the participants`,
      },
    ]);
  });

  it("keeps hours to two decimals, so a re-publish is recognised as unchanged", async () => {
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [
        activity(12, { participants: [{ volunteerId: String(appointed().id), hours: 2.555 }] }),
      ],
    });
    expect(result.rejected[0].message).toBe(
      "participants.0.hours: hours has at most two decimals, e.g. 2.25",
    );
  });

  it("checks thousands of participants in chunks, not as an outage", async () => {
    const rows = Array.from({ length: 20 }, (_, r) =>
      activity(100 + r, {
        participants: Array.from({ length: 100 }, (_, k) => ({
          volunteerId: String(100000 + r * 100 + k),
          hours: 1,
        })),
      }),
    );
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [...rows, activity(99)],
    });
    expect(result.created).toBe(1);
    expect(result.rejected).toHaveLength(20);
    expect(result.rejected.every((r) => r.message.startsWith("volunteer 1"))).toBe(true);
    expect(result.rejected[0].message).toContain("is not known to the corps");
  });

  it("names the participant field that is out of range", async () => {
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [
        activity(9, { participants: [{ volunteerId: String(appointed().id), hours: 30 }] }),
      ],
    });
    expect(result.rejected).toEqual([
      {
        index: 0,
        externalId: "YT-AC-9",
        message: "participants.0.hours: hours must be between 0.5 and 24",
      },
    ]);
  });

  it("refuses a whole batch GraphQL cannot read, naming the row, and writes nothing", async () => {
    const before = await countRows("station");
    const response = await executeExpectingError(
      fed.gatewayUrl,
      {
        query: PUBLISH_STATIONS,
        token: operator,
        variables: {
          districtCode: "440308",
          stations: [station(20), station(21, { hostType: "SPACESHIP" })],
        },
      },
      "BAD_USER_INPUT",
    );
    expect(response.errors![0].message).toContain("stations[1].hostType");
    expect(await countRows("station")).toBe(before);
  });

  it("refuses hours from before the volunteer's appointment", async () => {
    const v = appointed();
    const heldOn = addDays(v.appointedOn!, -1);
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [activity(13, { heldOn })],
    });
    expect(result.rejected[0].message).toBe(
      `volunteer ${v.id} (${v.name}) was APPLIED on ${heldOn}, not APPOINTED`,
    );
  });

  it("refuses a participant whose agreement does not cover the date", async () => {
    // A volunteer appointed today whose agreement only starts tomorrow.
    const admin = await fed.token("CITY_ADMIN");
    const first17 = "44030519850101123";
    const registered = await execute<{ registerVolunteer: { id: string } }>(fed.gatewayUrl, {
      query: contractOperation("RegisterVolunteer"),
      token: admin,
      variables: {
        input: {
          name: "测试专家",
          expertType: "FINANCE",
          categories: ["FINANCING"],
          employer: "测试银行",
          retired: false,
          contactPhone: "13912345678",
          idNumber: first17 + idNumberCheckChar(first17),
          branchId: "1",
        },
      },
    });
    const id = registered.registerVolunteer.id;
    const day = daysFromToday;
    await execute(fed.gatewayUrl, {
      query: contractOperation("AppointVolunteer"),
      token: admin,
      variables: {
        id,
        agreement: {
          form: "BOTH",
          committedHoursPerYear: 40,
          validFrom: day(1),
          validTo: day(365),
        },
      },
    });
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [activity(6, { heldOn: day(0), participants: [{ volunteerId: id, hours: 2 }] })],
    });
    expect(result.rejected[0].message).toBe(
      `volunteer ${id} (测试专家) has no service agreement valid on ${day(0)} (valid ${day(1)} to ${day(365)})`,
    );
  });

  it("credits hours by the status on the activity's date, from corps' history", async () => {
    // Demo suspensions happened 30 days before the anchor (today).
    const suspended = fed.demo.volunteers.find((v) => v.status === "SUSPENDED")!;
    const day = daysFromToday;
    const crew = [{ volunteerId: String(suspended.id), hours: 2 }];
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [
        activity(14, { heldOn: day(-60), participants: crew }),
        activity(15, { heldOn: day(-10), participants: crew }),
      ],
    });
    expect(result).toMatchObject({ created: 1 });
    expect(result.rejected).toEqual([
      {
        index: 1,
        externalId: "YT-AC-15",
        message: `volunteer ${suspended.id} (${suspended.name}) was SUSPENDED on ${day(-10)}, not APPOINTED`,
      },
    ]);
  });

  it("credits a volunteer suspended later on the same day", async () => {
    const v = fed.demo.volunteers.filter((x) => x.status === "APPOINTED")[5];
    await execute(fed.gatewayUrl, {
      query: `mutation ($id: ID!) { suspendVolunteer(id: $id, reason: "测试") { status } }`,
      token: await fed.token("CITY_ADMIN"),
      variables: { id: String(v.id) },
    });
    const todayInShenzhen = today();
    const result = await publish(PUBLISH_ACTIVITIES, {
      districtCode: "440308",
      activities: [
        activity(16, {
          heldOn: todayInShenzhen,
          participants: [{ volunteerId: String(v.id), hours: 2 }],
        }),
      ],
    });
    expect(result).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: [] });
  });

  it("refuses rows with participants when corps cannot be reached, and accepts the others", async () => {
    const before = await countRows("activity");
    const gatewayUrl = fed.config.servers.gatewayUrl;
    fed.config.servers.gatewayUrl = "http://127.0.0.1:9/graphql";
    const warn = jest.spyOn(console, "warn");
    const logged = fed.logs().length;
    try {
      const result = await publish(PUBLISH_ACTIVITIES, {
        districtCode: "440308",
        activities: [
          activity(7),
          activity(8, { stationExternalId: undefined, type: "MICRO_COURSE", participants: [] }),
          // Already recorded with this crew: nothing to ask corps, so it goes through.
          activity(1, { participants: [{ volunteerId: String(appointed().id), hours: 3 }] }),
        ],
      });
      expect(result).toMatchObject({ created: 1, unchanged: 1 });
      expect(result.rejected).toEqual([
        {
          index: 0,
          externalId: "YT-AC-7",
          message:
            "cannot verify volunteers now (the corps service is unreachable); send this row again later",
        },
      ]);
      // One structured line in the districts log, nothing on the console (issue 17, item 8).
      expect(warn).not.toHaveBeenCalled();
      const lines = fed
        .logs()
        .slice(logged)
        .map((l) => JSON.parse(l));
      expect(lines.filter((l) => /volunteer check failed/.test(l.msg))).toEqual([
        expect.objectContaining({ name: "districts", level: 40, rows: 1 }),
      ]);
    } finally {
      warn.mockRestore();
      fed.config.servers.gatewayUrl = gatewayUrl;
    }
    expect(await countRows("activity")).toBe(before + 1);
  });
});
