// Demonstration platforms' kinds, certification lifecycle, public-service plans and performance
// reviews (docs/domain.md, "platforms").
import { registerEnumType } from "type-graphql";

export enum PlatformKind {
  PUBLIC_SERVICE = "PUBLIC_SERVICE",
  COMPREHENSIVE_BASE = "COMPREHENSIVE_BASE",
  SPECIALISED_BASE = "SPECIALISED_BASE",
}
registerEnumType(PlatformKind, {
  name: "PlatformKind",
  description:
    "公共服务示范平台, 综合性创业创新示范基地 (综合性园区), 专业型示范基地 (行业或专业型园区).",
});

export enum PlatformStatus {
  APPLIED = "APPLIED",
  CERTIFIED = "CERTIFIED",
  REJECTED = "REJECTED",
  REVOKED = "REVOKED",
}
registerEnumType(PlatformStatus, {
  name: "PlatformStatus",
  description:
    "APPLIED → CERTIFIED → REVOKED; an application the city declines is REJECTED. A REJECTED or REVOKED platform may apply again (→ APPLIED).",
});

export enum PlatformLevel {
  NATIONAL = "NATIONAL",
  PROVINCIAL = "PROVINCIAL",
  MUNICIPAL = "MUNICIPAL",
}
registerEnumType(PlatformLevel, {
  name: "PlatformLevel",
  description: "The level that certified the platform.",
});

/** What a platform's audit event records (docs/domain.md rule 8). */
export enum PlatformAction {
  APPLY = "APPLY",
  RECOMMEND = "RECOMMEND",
  AMEND = "AMEND",
  REAPPLY = "REAPPLY",
  CERTIFY = "CERTIFY",
  REJECT = "REJECT",
  REVOKE = "REVOKE",
  SET_MENTORS = "SET_MENTORS",
}
registerEnumType(PlatformAction, {
  name: "PlatformAction",
  description:
    "APPLY (a new application), RECOMMEND (a district recommended its station), AMEND (the application's details changed), REAPPLY, CERTIFY, REJECT, REVOKE, SET_MENTORS (the mentor group was replaced).",
});

export enum PlanStatus {
  PROPOSED = "PROPOSED",
  FILED = "FILED",
  REJECTED = "REJECTED",
}
registerEnumType(PlanStatus, {
  name: "PlanStatus",
  description: "A public-service plan (公益服务计划): PROPOSED → FILED (备案) | REJECTED.",
});

export enum PlanAction {
  PROPOSE = "PROPOSE",
  FILE = "FILE",
  REJECT = "REJECT",
}
registerEnumType(PlanAction, {
  name: "PlanAction",
  description: "What a plan event did.",
});

export enum PerformanceGrade {
  EXCELLENT = "EXCELLENT",
  GOOD = "GOOD",
  PASS = "PASS",
  FAIL = "FAIL",
}
registerEnumType(PerformanceGrade, {
  name: "PerformanceGrade",
  description:
    "A performance review's grade: 优秀 (90-100), 良好 (75-89), 合格 (60-74), 不合格 (below 60).",
});

/** What happened to a platforms' annual report (docs/reports.md). */
export enum AnnualReportAction {
  CLOSE = "CLOSE",
  REVISE = "REVISE",
}
registerEnumType(AnnualReportAction, {
  name: "AnnualReportAction",
  description: "CLOSE: a year's first revision; REVISE: a later one after its data changed.",
});
