// The platforms' part of the benchmark data: demonstration platforms (some grown from stations
// their district recommended, applied for after the filing), mentor groups of volunteers appointed
// by then, and the audit trail, plans and yearly reviews the demo draws for them
// (platformRecordsDemo). A district has one live platform of a name and a station one live platform,
// as the live keys demand.
import type { DataSource } from "typeorm";
import { pad, STATION_WEIGHT } from "../../demo/draw";
import { platformRecordsDemo } from "../../demo/platforms";
import { Random } from "../../demo/random";
import type { DemoPlatform } from "../../demo/types";
import * as W from "../../demo/words";
import { liveKeys } from "../../subgraphs/platforms/services/live-keys";
import { gradeFor } from "../../subgraphs/platforms/services/performance.service";
import type { PlatformStatus } from "../../subgraphs/platforms/vocabulary";
import { BulkWriter } from "./bulk";
import { servingBy, type CorpsWorld } from "./corps";
import { distinct } from "./draws";
import type { BenchStation } from "./districts";
import type { BenchSizes, Calendar } from "./plan";

export function platformsOf(
  cal: Calendar,
  sizes: BenchSizes,
  stations: BenchStation[],
  corps: CorpsWorld,
): DemoPlatform[] {
  const rnd = new Random(20210102);
  const D = cal.days;
  const platforms: DemoPlatform[] = [];
  const recommended = stations.filter((s) => s.recommended);
  const names = new Set<string>();
  for (let id = 1; id <= sizes.platforms; id += 1) {
    const kind = rnd.weighted({ PUBLIC_SERVICE: 16, COMPREHENSIVE_BASE: 12, SPECIALISED_BASE: 12 });
    const status = rnd.weighted({ CERTIFIED: 75, APPLIED: 15, REVOKED: 10 });
    // An open application is recent; a decided one may be from any time of the window.
    const latest = D - 61;
    const earliest = status === "APPLIED" ? D - 181 : 0;
    let source: BenchStation | null = null;
    if (recommended.length && rnd.chance(0.4)) {
      const at = rnd.int(0, recommended.length - 1);
      if (Math.max(recommended[at].filedT! + 30, earliest) <= latest)
        source = recommended.splice(at, 1)[0];
    }
    const appliedT = rnd.int(source ? Math.max(source.filedT! + 30, earliest) : earliest, latest);
    const appliedOn = cal.date(appliedT);
    const districtCode = source?.districtCode ?? rnd.weighted(STATION_WEIGHT);
    const certifiedT = status === "APPLIED" ? null : appliedT + rnd.int(20, 50);
    const certifiedOn = certifiedT === null ? null : cal.date(certifiedT);
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
    const stem = source
      ? source.name.replace("中小企业志愿服务工作站", "")
      : rnd.pick(W.COMPANY_PREFIX) + rnd.pick(W.PLACE_WORDS);
    let name = `${stem}${label}`;
    // Names are unique in their district (the live-name key), whatever the platform's status.
    for (let n = 2; names.has(`${districtCode}/${name}`); n += 1) name = `${stem}${label}（${pad(n, 2)}）`;
    names.add(`${districtCode}/${name}`);
    // Mentors: volunteers serving since the group was formed (the certification or application).
    const since = certifiedT ?? appliedT;
    platforms.push({
      id,
      name,
      kind,
      operatorName: operator,
      districtCode,
      sourceStationId: source?.id ?? null,
      status,
      level:
        status === "APPLIED" ? null : rnd.weighted({ MUNICIPAL: 60, PROVINCIAL: 30, NATIONAL: 10 }),
      appliedOn,
      certifiedOn,
      mentorIds: distinct(rnd, corps.serving, mentors, servingBy(corps, since)).sort((a, b) => a - b),
    });
  }
  return platforms;
}

/** Writes the platforms' rows into an empty platforms database. */
export async function writePlatforms(db: DataSource, cal: Calendar, platforms: DemoPlatform[]) {
  const records = platformRecordsDemo(cal.anchor, platforms);
  const stamp = (at: Date) => cal.stamp(at);
  const recommendation = new Map(
    records.events.filter((e) => e.action === "RECOMMEND").map((e) => [e.platformId, e.comment]),
  );
  const firstEvent = new Map<number, Date>();
  for (const e of records.events) if (!firstEvent.has(e.platformId)) firstEvent.set(e.platformId, e.at);
  const w = await BulkWriter.open(db);
  try {
    w.table("platform", [
      "id",
      "name",
      "kind",
      "operatorName",
      "districtCode",
      "sourceStationId",
      "status",
      "level",
      "appliedOn",
      "certifiedOn",
      "recommendation",
      "liveSourceStationId",
      "liveNameKey",
      "version",
      "createdAt",
    ]);
    w.table("mentor", ["platformId", "volunteerId", "since"]);
    for (const p of platforms) {
      const keys = liveKeys({ ...p, status: p.status as PlatformStatus });
      w.add("platform", [
        p.id,
        p.name,
        p.kind,
        p.operatorName,
        p.districtCode,
        p.sourceStationId,
        p.status,
        p.level,
        p.appliedOn,
        p.certifiedOn,
        recommendation.get(p.id) ?? null,
        keys.liveSourceStationId,
        keys.liveNameKey,
        0,
        stamp(firstEvent.get(p.id)!),
      ]);
      for (const volunteerId of p.mentorIds)
        w.add("mentor", [p.id, volunteerId, p.certifiedOn ?? p.appliedOn]);
    }
    w.table("platform_event", ["platformId", "actor", "at", "action", "fromStatus", "toStatus", "comment"]);
    for (const e of records.events) {
      w.add("platform_event", [
        e.platformId,
        e.actor,
        stamp(e.at),
        e.action,
        e.fromStatus,
        e.toStatus,
        e.comment,
      ]);
    }
    w.table("service_plan", [
      "id",
      "platformId",
      "title",
      "category",
      "period",
      "proposer",
      "description",
      "status",
      "createdAt",
    ]);
    w.table("plan_event", ["planId", "at", "actor", "action", "fromStatus", "toStatus", "comment"]);
    for (const plan of records.plans) {
      w.add("service_plan", [
        plan.id,
        plan.platformId,
        plan.title,
        plan.category,
        plan.period,
        plan.proposer,
        plan.description,
        plan.status,
        stamp(plan.createdAt),
      ]);
      w.add("plan_event", [
        plan.id,
        stamp(plan.createdAt),
        "demo-platform-operator",
        "PROPOSE",
        null,
        "PROPOSED",
        null,
      ]);
      if (plan.status !== "PROPOSED") {
        w.add("plan_event", [
          plan.id,
          stamp(new Date(plan.createdAt.getTime() + 3 * 86_400_000)),
          "demo-city-admin",
          plan.status === "REJECTED" ? "REJECT" : "FILE",
          "PROPOSED",
          plan.status,
          plan.status === "REJECTED" ? "服务内容与平台定位不符" : null,
        ]);
      }
    }
    w.table("performance_review", [
      "platformId",
      "period",
      "score",
      "grade",
      "comment",
      "actor",
      "reviewedAt",
    ]);
    for (const r of records.reviews) {
      w.add("performance_review", [
        r.platformId,
        r.period,
        r.score,
        gradeFor(r.score),
        r.comment,
        "demo-city-admin",
        stamp(r.reviewedAt),
      ]);
    }
    await w.close();
  } catch (error) {
    await w.abort();
    throw error;
  }
}
