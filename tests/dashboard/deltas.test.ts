// The dashboard moves by exactly what is published: a new station filed, two demands and an
// activity with two volunteers' hours, all through the gateway, change every figure they touch by
// exactly that much and nothing else.
import { today } from "../../runtime/dates";
import { creditCodeCheckChar } from "../../subgraphs/shared/validation/credit-code";
import { bootFederation, type Federation } from "../helpers/federation";
import { contractOperation, execute } from "../helpers/graphql";

/** What the dashboard query answers; the deltas below compare its rows field by field. */
type Dashboard = {
  districts: Array<{ code: string }>;
  serviceTrend: unknown[];
  serviceByCategory: unknown[];
  corpsStats: unknown;
};

let fed: Federation;
let admin: string;
beforeAll(async () => {
  fed = await bootFederation();
  admin = await fed.token("CITY_ADMIN");
});
afterAll(() => fed?.stop());

const DISTRICT = "440392";
const range = { from: `${today().slice(0, 4)}-01-01`, to: today() };
const dashboard = async () =>
  await execute<Dashboard>(fed.gatewayUrl, {
    query: `query ($from: Date!, $to: Date!) {
        districts { code stationCount(status: FILED) idleStationCount openDemandCount
          demandCount(from: $from, to: $to) activityCount(from: $from, to: $to)
          serviceHours(from: $from, to: $to) enterprisesServed(from: $from, to: $to)
          volunteerCount certifiedPlatformCount publishedStoryCount }
        demandStats(from: $from, to: $to) { total resolved open
          byCategory { category total resolved } byFocusGroup { focusGroup total resolved }
          bySpecialised { specialised total resolved } }
        serviceTrend(from: $from, to: $to) { month activities serviceHours enterprisesServed }
        serviceByCategory(from: $from, to: $to) { category activities serviceHours }
        corpsStats { volunteers appointed }
      }`,
    variables: range,
    token: admin,
  });

const send = (name: string, variables: Record<string, unknown>) =>
  execute<Record<string, unknown>>(fed.gatewayUrl, {
    query: contractOperation(name),
    variables,
    token: admin,
  });

const code = (body: string) => body + creditCodeCheckChar(body);

it("moves every figure a publish touches by exactly that much", async () => {
  const before = await dashboard();
  // A new station, reviewed and filed.
  const stations = await send("PublishStations", {
    districtCode: DISTRICT,
    stations: [
      {
        externalId: "DELTA-ST-1",
        name: "深汕合作区增量测试工作站",
        hostType: "INCUBATOR",
        address: "深汕特别合作区鹅埠镇创新大道1号",
        categories: ["LEGAL"],
        contactName: "陈测试",
        contactPhone: "13800138001",
      },
    ],
  });
  expect(stations.publishStations).toMatchObject({ created: 1, rejected: [] });
  const listed = await execute<{
    district: { stations: { nodes: Array<{ id: string; externalId: string }> } };
  }>(fed.gatewayUrl, {
    query: contractOperation("DistrictStations"),
    variables: { districtCode: DISTRICT, status: "SUBMITTED", first: 100 },
    token: admin,
  });
  const id = listed.district.stations.nodes.find((n) => n.externalId === "DELTA-ST-1")!.id;
  for (const decision of ["ACCEPT", "FILE"])
    await send("ReviewStation", { id, decision, comment: "增量测试" });
  // Two demands (one resolved and rated), one activity with two volunteers.
  const demands = await send("PublishDemands", {
    districtCode: DISTRICT,
    demands: [
      {
        externalId: "DELTA-DM-1",
        stationExternalId: "DELTA-ST-1",
        enterpriseName: "深汕测试科技有限公司",
        creditCode: code("91441500MA5DELTA1"),
        category: "LEGAL",
        focusGroup: "VETERAN",
        specialised: true,
        description: "合同纠纷咨询",
        status: "RESOLVED",
        satisfaction: 4,
        collectedOn: today(),
      },
      {
        externalId: "DELTA-DM-2",
        stationExternalId: "DELTA-ST-1",
        enterpriseName: "深汕测试制造有限公司",
        creditCode: code("91441500MA5DELTA2"),
        category: "LEGAL",
        focusGroup: null,
        specialised: false,
        description: "劳动用工咨询",
        collectedOn: today(),
      },
    ],
  });
  expect(demands.publishDemands).toMatchObject({ created: 2, rejected: [] });
  const serving = fed.demo.volunteers
    .filter((v) => v.status === "APPOINTED" && v.agreement && v.agreement.validFrom <= today())
    .slice(0, 2);
  const activities = await send("PublishActivities", {
    districtCode: DISTRICT,
    activities: [
      {
        externalId: "DELTA-AC-1",
        stationExternalId: "DELTA-ST-1",
        type: "CONSULTATION",
        category: "LEGAL",
        title: "法律一对一咨询",
        heldOn: today(),
        feeCharged: 0,
        enterprisesServed: 3,
        participants: [
          { volunteerId: String(serving[0].id), hours: 2.5 },
          { volunteerId: String(serving[1].id), hours: 1.5 },
        ],
      },
    ],
  });
  expect(activities.publishActivities).toMatchObject({ created: 1, rejected: [] });

  const after = await dashboard();
  const row = (d: any) => d.districts.find((r: any) => r.code === DISTRICT);
  const delta = (a: any, b: any) =>
    Object.fromEntries(
      Object.keys(a)
        .filter((k) => typeof a[k] === "number")
        .map((k) => [k, Math.round((a[k] - b[k]) * 100) / 100]),
    );
  expect(delta(row(after), row(before))).toEqual({
    stationCount: 1,
    idleStationCount: 0,
    openDemandCount: 1,
    demandCount: 2,
    activityCount: 1,
    serviceHours: 4,
    enterprisesServed: 3,
    volunteerCount: 0,
    certifiedPlatformCount: 0,
    publishedStoryCount: 0,
  });
  // Other districts did not move.
  for (const other of after.districts.filter((r: any) => r.code !== DISTRICT))
    expect(other).toEqual(before.districts.find((r: any) => r.code === other.code));
  const stats = (d: any) => d.demandStats;
  expect(delta(stats(after), stats(before))).toEqual({ total: 2, resolved: 1, open: 1 });
  const of = (list: any[], key: string, value: unknown) => list.find((x) => x[key] === value);
  expect(
    delta(
      of(stats(after).byCategory, "category", "LEGAL"),
      of(stats(before).byCategory, "category", "LEGAL"),
    ),
  ).toEqual({ total: 2, resolved: 1 });
  expect(
    delta(
      of(stats(after).byCategory, "category", "MARKET"),
      of(stats(before).byCategory, "category", "MARKET"),
    ),
  ).toEqual({ total: 0, resolved: 0 });
  expect(
    delta(
      of(stats(after).byFocusGroup, "focusGroup", "VETERAN"),
      of(stats(before).byFocusGroup, "focusGroup", "VETERAN"),
    ),
  ).toEqual({ total: 1, resolved: 1 });
  expect(
    delta(
      of(stats(after).bySpecialised, "specialised", true),
      of(stats(before).bySpecialised, "specialised", true),
    ),
  ).toEqual({ total: 1, resolved: 1 });
  const month = today().slice(0, 7);
  expect(
    delta(of(after.serviceTrend, "month", month), of(before.serviceTrend, "month", month)),
  ).toEqual({
    activities: 1,
    serviceHours: 4,
    enterprisesServed: 3,
  });
  expect(
    delta(
      of(after.serviceByCategory, "category", "LEGAL"),
      of(before.serviceByCategory, "category", "LEGAL"),
    ),
  ).toEqual({ activities: 1, serviceHours: 4 });
  expect(after.corpsStats).toEqual(before.corpsStats);
});
