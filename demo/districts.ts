// The districts' part of the demo: stations in every review state, their demands and activities.
import { creditCodeCheckChar } from "../subgraphs/shared/validation/credit-code";
import {
  DISTRICTS,
  SERVICE_CATEGORY_NAMES,
  type ServiceCategory,
} from "../subgraphs/shared/vocabulary";
import { CATEGORIES, pad, STATION_WEIGHT, type Draw } from "./draw";
import type { DemoActivity, DemoDemand, DemoStation, DemoVolunteer } from "./types";
import * as W from "./words";
import { ACTIVITY_TYPES, FOCUS_GROUPS, HOST_TYPES, ONLINE_TYPES } from "./vocabulary";

/** Stations, demands, then activities: the order they draw in. */
export function districtsDemo(draw: Draw, serving: DemoVolunteer[]) {
  const stations = stationsDemo(draw);
  const demands = demandsDemo(draw, stations);
  const activities = activitiesDemo(draw, stations, serving);
  return { stations, demands, activities };
}

function stationsDemo({ rnd, personName, mobile, categories, dayWithin }: Draw) {
  // Stations across all districts and review states.
  const stations: DemoStation[] = [];
  const perDistrict = new Map<string, number>();
  for (let id = 1; id <= 150; id += 1) {
    const districtCode = rnd.weighted(STATION_WEIGHT);
    const n = (perDistrict.get(districtCode) ?? 0) + 1;
    perDistrict.set(districtCode, n);
    const status = rnd.weighted({
      FILED: 70,
      UNDER_REVIEW: 9,
      SUBMITTED: 8,
      REJECTED: 5,
      SUSPENDED: 5,
      REVOKED: 3,
    });
    const street = rnd.pick(W.STREETS[districtCode]);
    const place = `${rnd.pick(W.COMPANY_PREFIX)}${rnd.pick(W.PLACE_WORDS)}`;
    const wasFiled = ["FILED", "SUSPENDED", "REVOKED"].includes(status);
    stations.push({
      id,
      districtCode,
      externalId: `ST-${districtCode}-${pad(n, 3)}`,
      name: `${place}中小企业志愿服务工作站`,
      hostType: rnd.pick(HOST_TYPES),
      status,
      categories: categories(2, 5),
      address: `深圳市${DISTRICTS.find((d) => d.code === districtCode)!.name}${street}${rnd.pick(W.ROADS)}${rnd.int(1, 399)}号${place}`,
      contactName: personName(),
      contactPhone: mobile(),
      venue: `${rnd.pick(["多功能会议室", "路演厅", "培训教室"])}，可容纳${rnd.int(2, 20) * 10}人`,
      equipment: rnd.pick(["投影仪、视频会议系统", "音响、直播设备", "电子白板、投影仪"]),
      recommended: wasFiled && rnd.chance(0.15),
      filedAt: wasFiled ? `${dayWithin(900, 200)}T02:00:00.000Z` : null,
    });
  }
  return stations;
}

function demandsDemo({ anchor, rnd, dayWithin }: Draw, stations: DemoStation[]) {
  const active = stations.filter((s) => s.status === "FILED" || s.status === "SUSPENDED");
  // A tenth of the filed stations stop collecting demands: they become idle on the dashboard.
  const quiet = new Set(
    rnd
      .sample(
        active.filter((s) => s.status === "FILED"),
        10,
      )
      .map((s) => s.id),
  );

  // Demands collected at active stations.
  const demands: DemoDemand[] = [];
  const demandSeq = new Map<string, number>();
  for (let id = 1; id <= 2000; id += 1) {
    const station = rnd.pick(active);
    const collectedOn = quiet.has(station.id) ? dayWithin(720, 120) : dayWithin(720);
    const age = Date.parse(anchor) - Date.parse(collectedOn);
    const young = age < 45 * 86_400_000;
    const status = young
      ? rnd.weighted({ OPEN: 50, MATCHED: 25, IN_SERVICE: 20, RESOLVED: 5 })
      : rnd.weighted({ RESOLVED: 70, CLOSED: 12, IN_SERVICE: 8, OPEN: 6, MATCHED: 4 });
    const first17 =
      `91440300${rnd.pick(["MA5", "MA6", "MA7", "7152", "0803"])}`.padEnd(17, "0").slice(0, 11) +
      Array.from({ length: 6 }, () => rnd.pick("0123456789ABCDEFGHJKLMNPQRTUWXY".split(""))).join(
        "",
      );
    const n = (demandSeq.get(station.districtCode) ?? 0) + 1;
    demandSeq.set(station.districtCode, n);
    const category = rnd.pick(CATEGORIES);
    demands.push({
      id,
      districtCode: station.districtCode,
      externalId: `DM-${station.districtCode}-${pad(n, 5)}`,
      stationId: station.id,
      enterpriseName: `深圳市${rnd.pick(W.COMPANY_PREFIX)}${rnd.pick(W.COMPANY_CORE)}${rnd.pick(W.COMPANY_SUFFIX)}`,
      creditCode: first17 + creditCodeCheckChar(first17),
      category,
      focusGroup: rnd.chance(0.3) ? rnd.pick(FOCUS_GROUPS) : null,
      specialised: rnd.chance(0.2),
      description: W.DEMAND_TEXT[category],
      status,
      collectedOn,
      satisfaction:
        status === "RESOLVED"
          ? (rnd.weighted({ 5: 50, 4: 35, 3: 10, 2: 4, 1: 1 }) as unknown as number)
          : null,
    });
  }
  for (const d of demands) if (d.satisfaction !== null) d.satisfaction = Number(d.satisfaction);
  return demands;
}

function activitiesDemo(
  { rnd, dayWithin }: Draw,
  stations: DemoStation[],
  serving: DemoVolunteer[],
) {
  // Activities at filed stations or online, served by appointed volunteers.
  const filed = stations.filter((s) => s.status === "FILED");
  const activities: DemoActivity[] = [];
  const activitySeq = new Map<string, number>();
  for (let id = 1; id <= 1500; id += 1) {
    const type = rnd.pick(ACTIVITY_TYPES);
    const station = ONLINE_TYPES.has(type) && rnd.chance(0.7) ? null : rnd.pick(filed);
    const districtCode = station?.districtCode ?? rnd.pick(DISTRICTS).code;
    const n = (activitySeq.get(districtCode) ?? 0) + 1;
    activitySeq.set(districtCode, n);
    const category = station ? rnd.pick(station.categories) : rnd.pick(CATEGORIES);
    const team = rnd.sample(serving, type === "CONSULTATION" ? 1 : rnd.int(1, 4));
    activities.push({
      id,
      districtCode,
      externalId: `AC-${districtCode}-${pad(n, 5)}`,
      stationId: station?.id ?? null,
      type,
      category,
      title: `${SERVICE_CATEGORY_NAMES[category as ServiceCategory]}${W.ACTIVITY_TITLE[type]}`,
      heldOn: dayWithin(730, 1),
      enterprisesServed: type === "CONSULTATION" ? 1 : rnd.int(3, 60),
      participants: team.map((v) => ({ volunteerId: v.id, hours: rnd.int(2, 8) / 2 })),
    });
  }
  return activities;
}
