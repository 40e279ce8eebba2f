// The demo data set: deterministic (seeded) and consistent across the four subgraphs, so that every
// cross-subgraph reference resolves. Each subgraph's seed.ts inserts its own slice of it.
import {
  DISTRICTS,
  SERVICE_CATEGORY_NAMES,
  type ServiceCategory,
} from "../subgraphs/shared/vocabulary";
import { addDays, today } from "../runtime/dates";
import { creditCodeCheckChar } from "../subgraphs/shared/validation/credit-code";
import { idNumberCheckChar } from "../subgraphs/shared/validation/id-number";
import { Random } from "./random";
import * as W from "./words";

const CATEGORIES = [
  "POLICY",
  "ENTREPRENEUR",
  "STRATEGY",
  "FINANCING",
  "MARKET",
  "INNOVATION",
  "STARTUP",
  "KNOWLEDGE",
  "LEGAL",
  "SPACE",
] as const;
const EXPERT_TYPES = [
  "POLICY",
  "INDUSTRY",
  "TECH_INNOVATION",
  "LEGAL",
  "FINANCE",
  "ENTREPRENEUR",
  "EXECUTIVE",
  "PARK_MANAGER",
  "SCHOLAR",
] as const;
const HOST_TYPES = [
  "SME_PARK",
  "INDUSTRIAL_CLUSTER",
  "STARTUP_BASE",
  "LEADING_ENTERPRISE_STATION",
  "INCUBATOR",
] as const;
const ACTIVITY_TYPES = [
  "CONSULTATION",
  "SALON",
  "SEMINAR",
  "THEMED_SESSION",
  "ONLINE_CLINIC",
  "VIDEO_CONFERENCE",
  "MICRO_COURSE",
  "FREE_COURSE",
] as const;
const ONLINE_TYPES = new Set(["ONLINE_CLINIC", "VIDEO_CONFERENCE", "MICRO_COURSE"]);
const FOCUS_GROUPS = ["GRADUATE", "VETERAN", "WOMEN", "DISABLED", "OVERSEAS_RETURNEE"] as const;
const OUTLETS = [
  "SHENZHEN_SPECIAL_ZONE_DAILY",
  "SHENZHEN_BUSINESS_DAILY",
  "SZTV",
  "SHENZHEN_RADIO",
  "ONLINE_MEDIA",
  "SELF_MEDIA",
] as const;
/** Bigger districts get more stations. */
const STATION_WEIGHT: Record<string, number> = {
  "440303": 12,
  "440304": 16,
  "440305": 22,
  "440306": 22,
  "440307": 20,
  "440308": 6,
  "440309": 16,
  "440310": 9,
  "440311": 10,
  "440391": 5,
  "440392": 4,
};

export interface DemoBranch {
  id: number;
  name: string;
  kind: "REGION" | "INDUSTRY";
  districtCode: string | null;
  industry: string | null;
}
export interface DemoVolunteer {
  id: number;
  name: string;
  expertType: string;
  categories: string[];
  employer: string;
  retired: boolean;
  status: "APPLIED" | "APPOINTED" | "SUSPENDED" | "WITHDRAWN";
  contactPhone: string;
  idNumber: string;
  branchId: number;
  letterNumber: string | null;
  appointedOn: string | null;
  agreement: {
    form: "ONLINE" | "OFFLINE" | "BOTH";
    committedHoursPerYear: number;
    validFrom: string;
    validTo: string;
  } | null;
}
export interface DemoStation {
  id: number;
  districtCode: string;
  externalId: string;
  name: string;
  hostType: string;
  status: string;
  categories: string[];
  address: string;
  contactName: string;
  contactPhone: string;
  venue: string;
  equipment: string;
  recommended: boolean;
  filedAt: string | null;
}
export interface DemoDemand {
  id: number;
  districtCode: string;
  externalId: string;
  stationId: number;
  enterpriseName: string;
  creditCode: string;
  category: string;
  focusGroup: string | null;
  specialised: boolean;
  description: string;
  status: string;
  collectedOn: string;
  satisfaction: number | null;
}
export interface DemoActivity {
  id: number;
  districtCode: string;
  externalId: string;
  stationId: number | null;
  type: string;
  category: string;
  title: string;
  heldOn: string;
  enterprisesServed: number;
  participants: Array<{ volunteerId: number; hours: number }>;
}
export interface DemoPlatform {
  id: number;
  name: string;
  kind: string;
  operatorName: string;
  districtCode: string;
  sourceStationId: number | null;
  status: string;
  level: string | null;
  appliedOn: string;
  certifiedOn: string | null;
  mentorIds: number[];
}
export interface DemoStory {
  id: number;
  title: string;
  summary: string;
  body: string;
  categories: string[];
  districtCode: string;
  status: string;
  publishedAt: string | null;
  volunteerIds: number[];
  stationIds: number[];
  platformIds: number[];
  activityIds: number[];
  coverage: Array<{ outlet: string; url: string; publishedOn: string }>;
}
export interface DemoData {
  anchor: string;
  branches: DemoBranch[];
  volunteers: DemoVolunteer[];
  stations: DemoStation[];
  demands: DemoDemand[];
  activities: DemoActivity[];
  platforms: DemoPlatform[];
  stories: DemoStory[];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The demo data as of `anchor` (YYYY-MM-DD, default today): dates lie in the 24 months before it. */
export function generateDemo(anchor = today()): DemoData {
  const rnd = new Random(20201224);
  const personName = () =>
    rnd.pick(W.SURNAMES) + rnd.pick(W.GIVEN) + (rnd.chance(0.6) ? rnd.pick(W.GIVEN) : "");
  const mobile = () =>
    `1${rnd.pick(["35", "36", "37", "38", "39", "50", "58", "86", "88", "77"])}${pad(rnd.int(0, 99999999), 8)}`;
  const categories = (min: number, max: number) =>
    rnd.sample(CATEGORIES, rnd.int(min, max)) as string[];
  const dayWithin = (daysBack: number, minBack = 0) => addDays(anchor, -rnd.int(minBack, daysBack));

  // Branches: one regional branch per district, then industry branches.
  const branches: DemoBranch[] = DISTRICTS.map((d, i) => ({
    id: i + 1,
    name: `${d.name}支队`,
    kind: "REGION",
    districtCode: d.code,
    industry: null,
  }));
  for (const industry of W.INDUSTRIES) {
    branches.push({
      id: branches.length + 1,
      name: `${industry}行业支队`,
      kind: "INDUSTRY",
      districtCode: null,
      industry,
    });
  }

  // Volunteers: most appointed, with agreements covering the whole 24-month window.
  const volunteers: DemoVolunteer[] = [];
  let letter = 0;
  for (let id = 1; id <= 300; id += 1) {
    const status = rnd.weighted({ APPOINTED: 84, APPLIED: 8, SUSPENDED: 5, WITHDRAWN: 3 });
    const born = `${rnd.int(1955, 1992)}${pad(rnd.int(1, 12), 2)}${pad(rnd.int(1, 28), 2)}`;
    const first17 = `${rnd.pick(DISTRICTS).code}${born}${pad(rnd.int(0, 999), 3)}`;
    const appointed = status !== "APPLIED";
    const appointedOn = appointed ? dayWithin(1400, 760) : null;
    if (appointed) letter += 1;
    volunteers.push({
      id,
      name: personName(),
      expertType: rnd.pick(EXPERT_TYPES),
      categories: categories(1, 3),
      employer: rnd.pick(W.EMPLOYERS),
      retired: rnd.chance(0.18),
      status,
      contactPhone: mobile(),
      idNumber: first17 + idNumberCheckChar(first17),
      branchId: rnd.int(1, branches.length),
      letterNumber: appointedOn ? `SZZYFW-${appointedOn.slice(0, 4)}-${pad(letter, 6)}` : null,
      appointedOn,
      agreement: appointedOn
        ? {
            form: rnd.pick(["ONLINE", "OFFLINE", "BOTH"] as const),
            committedHoursPerYear: rnd.pick([24, 36, 48, 60]),
            validFrom: appointedOn,
            validTo: addDays(anchor, rnd.int(180, 720)),
          }
        : null,
    });
  }
  const serving = volunteers.filter((v) => v.status === "APPOINTED");

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
      [...Array(6)].map(() => rnd.pick("0123456789ABCDEFGHJKLMNPQRTUWXY".split(""))).join("");
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
          ? (rnd.weighted({ 5: 50, 4: 35, 3: 10, 2: 4, 1: 1 } as Record<
              string,
              number
            >) as unknown as number)
          : null,
    });
  }
  for (const d of demands) if (d.satisfaction !== null) d.satisfaction = Number(d.satisfaction);

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

  // Demonstration platforms with mentor groups; a few bases fall short of their minimum.
  const platforms: DemoPlatform[] = [];
  const recommended = stations.filter((s) => s.recommended);
  for (let id = 1; id <= 40; id += 1) {
    const kind = rnd.weighted({ PUBLIC_SERVICE: 16, COMPREHENSIVE_BASE: 12, SPECIALISED_BASE: 12 });
    const source =
      recommended.length && rnd.chance(0.4)
        ? recommended.splice(rnd.int(0, recommended.length - 1), 1)[0]
        : null;
    const districtCode = source?.districtCode ?? rnd.weighted(STATION_WEIGHT);
    const status = rnd.weighted({ CERTIFIED: 75, APPLIED: 15, REVOKED: 10 });
    const appliedOn = dayWithin(900, 60);
    const mentors =
      kind === "COMPREHENSIVE_BASE"
        ? rnd.int(2, 6)
        : kind === "SPECIALISED_BASE"
          ? rnd.int(0, 3)
          : rnd.int(0, 4);
    const operator = `深圳市${rnd.pick(W.COMPANY_PREFIX)}${rnd.pick(["产业园运营", "创业服务", "科技服务", "企业服务"])}有限公司`;
    const label =
      kind === "PUBLIC_SERVICE"
        ? "中小企业公共服务示范平台"
        : kind === "COMPREHENSIVE_BASE"
          ? "综合性创业创新示范基地"
          : `${rnd.pick(W.INDUSTRIES)}专业型创业示范基地`;
    platforms.push({
      id,
      name: `${source ? source.name.replace("中小企业志愿服务工作站", "") : rnd.pick(W.COMPANY_PREFIX) + rnd.pick(W.PLACE_WORDS)}${label}`,
      kind,
      operatorName: operator,
      districtCode,
      sourceStationId: source?.id ?? null,
      status,
      level:
        status === "APPLIED" ? null : rnd.weighted({ MUNICIPAL: 60, PROVINCIAL: 30, NATIONAL: 10 }),
      appliedOn,
      certifiedOn: status === "APPLIED" ? null : addDays(appliedOn, rnd.int(20, 50)),
      mentorIds: rnd
        .sample(serving, mentors)
        .map((v) => v.id)
        .sort((a, b) => a - b),
    });
  }

  // Case stories about real activities: their station, volunteers and a platform of the district.
  const stories: DemoStory[] = [];
  const storyActivities = rnd.sample(
    activities.filter((a) => a.stationId !== null),
    30,
  );
  storyActivities.forEach((activity, i) => {
    const id = i + 1;
    const status =
      id <= 24 ? "PUBLISHED" : id <= 27 ? "IN_REVIEW" : id <= 29 ? "DRAFT" : "RETRACTED";
    const station = stations.find((s) => s.id === activity.stationId)!;
    const platform = platforms.find(
      (p) => p.districtCode === activity.districtCode && p.status === "CERTIFIED",
    );
    const volunteerNames = activity.participants
      .map((p) => volunteers[p.volunteerId - 1].name)
      .join("、");
    // Published a few days after the activity, but never after the anchor (nothing in the future).
    const lastDay = addDays(anchor, -1);
    const publishedOn =
      status === "PUBLISHED" || status === "RETRACTED"
        ? [addDays(activity.heldOn, rnd.int(3, 20)), lastDay].sort()[0]
        : null;
    const label = SERVICE_CATEGORY_NAMES[activity.category as ServiceCategory];
    stories.push({
      id,
      title: `${station.name.replace("中小企业志愿服务工作站", "")}：专家志愿者${label}服务助企纾困`,
      summary: `${volunteerNames}在${station.name}开展${activity.title}，服务企业${activity.enterprisesServed}家。`,
      body:
        `${activity.heldOn}，市中小企业志愿服务总队专家${volunteerNames}走进${station.name}，围绕${label}主题开展${activity.title}。` +
        `活动共服务企业${activity.enterprisesServed}家，现场解答企业诉求，并对重点企业开展跟踪服务。`,
      categories: [...new Set([activity.category, rnd.pick(CATEGORIES)])],
      districtCode: activity.districtCode,
      status,
      publishedAt: publishedOn ? `${publishedOn}T01:30:00.000Z` : null,
      volunteerIds: activity.participants.map((p) => p.volunteerId),
      stationIds: [station.id],
      platformIds: platform ? [platform.id] : [],
      activityIds: [activity.id],
      coverage:
        status === "PUBLISHED"
          ? rnd.sample(OUTLETS, rnd.int(0, 3)).map((outlet, k) => ({
              outlet,
              url: `https://news.example.cn/${outlet.toLowerCase()}/${publishedOn!.replace(/-/g, "")}/${id}${k}.html`,
              publishedOn: [addDays(publishedOn!, k), lastDay].sort()[0],
            }))
          : [],
    });
  });

  return { anchor, branches, volunteers, stations, demands, activities, platforms, stories };
}
