// The platforms' part of the demo: demonstration platforms and their mentor groups.
import { addDays, daysBetween, startOfBusinessDay } from "../runtime/dates";
import { STATION_WEIGHT, type Draw } from "./draw";
import { Random } from "./random";
import type { DemoPlatform, DemoStation, DemoVolunteer } from "./types";
import * as W from "./words";

export function platformsDemo(
  { rnd, dayWithin }: Draw,
  stations: DemoStation[],
  serving: DemoVolunteer[],
) {
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
  return platforms;
}

export interface DemoPlatformEvent {
  platformId: number;
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
}
export interface DemoServicePlan {
  id: number;
  platformId: number;
  title: string;
  category: string;
  period: string;
  proposer: string;
  description: string;
  status: string;
  createdAt: Date;
}
export interface DemoPerformanceReview {
  platformId: number;
  period: string;
  score: number;
  comment: string | null;
  reviewedAt: Date;
}

const minDate = (a: string, b: string) => (a < b ? a : b);

const PLAN_TOPICS: Record<string, string> = {
  POLICY: "惠企政策宣讲进园区",
  ENTREPRENEUR: "企业家成长沙龙",
  STRATEGY: "中小企业战略诊断",
  FINANCING: "融资路演与对接",
  MARKET: "市场开拓对接会",
  INNOVATION: "专精特新培育辅导",
  STARTUP: "创业导师一对一辅导",
  KNOWLEDGE: "企业管理公益课堂",
  LEGAL: "法律体检进企业",
  SPACE: "孵化空间开放日",
};

/**
 * The platforms' records the demo shows beyond the platforms themselves: their audit trail,
 * public-service plans and yearly performance reviews. Drawn from a random sequence of its own, so
 * that adding them changed no other part of the demo data.
 */
export function platformRecordsDemo(anchor: string, platforms: DemoPlatform[]) {
  const rnd = new Random(20200910);
  const at = (day: string) => new Date(startOfBusinessDay(day).getTime() + rnd.int(9, 17) * 3.6e6);
  const events: DemoPlatformEvent[] = [];
  const plans: DemoServicePlan[] = [];
  const reviews: DemoPerformanceReview[] = [];
  const admin = "demo-city-admin";
  for (const p of platforms) {
    const recommended = p.sourceStationId !== null;
    events.push({
      platformId: p.id,
      at: at(p.appliedOn),
      actor: recommended ? `demo-district-${p.districtCode}` : admin,
      action: recommended ? "RECOMMEND" : "APPLY",
      fromStatus: null,
      toStatus: "APPLIED",
      comment: recommended ? "工作站备案以来服务成效显著，推荐申报示范平台" : null,
    });
    if (p.certifiedOn) {
      events.push({
        platformId: p.id,
        at: at(p.certifiedOn),
        actor: admin,
        action: "CERTIFY",
        fromStatus: "APPLIED",
        toStatus: "CERTIFIED",
        comment: `${p.level} on ${p.certifiedOn}`,
      });
    }
    if (p.mentorIds.length) {
      events.push({
        platformId: p.id,
        at: at(p.certifiedOn ?? p.appliedOn),
        actor: admin,
        action: "SET_MENTORS",
        fromStatus: p.certifiedOn ? "CERTIFIED" : "APPLIED",
        toStatus: p.certifiedOn ? "CERTIFIED" : "APPLIED",
        comment: `added ${p.mentorIds.join(", ")}`,
      });
    }
    let lastYear = Number(anchor.slice(0, 4)) - 1;
    if (p.status === "REVOKED" && p.certifiedOn) {
      const revokedOn = addDays(p.certifiedOn, rnd.int(1, daysBetween(p.certifiedOn, anchor)));
      events.push({
        platformId: p.id,
        at: at(revokedOn),
        actor: admin,
        action: "REVOKE",
        fromStatus: "CERTIFIED",
        toStatus: "REVOKED",
        comment: "年度绩效考评不合格，且未按期整改",
      });
      lastYear = Math.min(lastYear, Number(revokedOn.slice(0, 4)) - 1);
    }
    // A review for every whole year since the certification.
    if (p.certifiedOn) {
      let score = rnd.int(62, 95);
      for (let year = Number(p.certifiedOn.slice(0, 4)); year <= lastYear; year += 1) {
        score = Math.max(
          40,
          Math.min(100, score + rnd.int(-8, 8) - (p.status === "REVOKED" ? 6 : 0)),
        );
        reviews.push({
          platformId: p.id,
          period: String(year),
          score,
          comment: score < 60 ? "服务活动频次不足，导师团参与度低" : null,
          reviewedAt: at(minDate(`${year + 1}-01-${rnd.int(10, 28)}`, anchor)),
        });
      }
    }
    // Plans of certified platforms for this year; most filed, some waiting, a few rejected.
    if (p.status === "CERTIFIED") {
      for (const category of rnd.sample(Object.keys(PLAN_TOPICS), rnd.int(1, 3))) {
        plans.push({
          id: plans.length + 1,
          platformId: p.id,
          title: `${PLAN_TOPICS[category]}（${anchor.slice(0, 4)}年度）`,
          category,
          period: rnd.chance(0.7) ? anchor.slice(0, 4) : `${anchor.slice(0, 4)}-H${rnd.int(1, 2)}`,
          proposer: p.operatorName,
          description: `面向园区及周边中小企业，每月不少于一次，全部免费。`,
          status: rnd.weighted({ FILED: 6, PROPOSED: 3, REJECTED: 1 }),
          createdAt: at(addDays(anchor, -rnd.int(5, 60))),
        });
      }
    }
  }
  return { events, plans, reviews };
}
