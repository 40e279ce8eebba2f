// The shared vocabularies of DOMAIN.md, registered once so every subgraph prints identical enums.
import { registerEnumType } from "type-graphql";

export enum ServiceCategory {
  POLICY = "POLICY",
  ENTREPRENEUR = "ENTREPRENEUR",
  STRATEGY = "STRATEGY",
  FINANCING = "FINANCING",
  MARKET = "MARKET",
  INNOVATION = "INNOVATION",
  STARTUP = "STARTUP",
  KNOWLEDGE = "KNOWLEDGE",
  LEGAL = "LEGAL",
  SPACE = "SPACE",
}
registerEnumType(ServiceCategory, {
  name: "ServiceCategory",
  description:
    "The ten service categories of the Shenzhen action plan (政策, 企业家, 战略, 融资, 市场, 创新, 创业, 知识, 法律, 空间).",
});

/** The categories' Chinese names, for text the hub writes (certificates, demo titles). */
export const SERVICE_CATEGORY_NAMES: Record<ServiceCategory, string> = {
  POLICY: "政策",
  ENTREPRENEUR: "企业家",
  STRATEGY: "战略",
  FINANCING: "融资",
  MARKET: "市场",
  INNOVATION: "创新",
  STARTUP: "创业",
  KNOWLEDGE: "知识",
  LEGAL: "法律",
  SPACE: "空间",
};

export enum FocusGroup {
  GRADUATE = "GRADUATE",
  VETERAN = "VETERAN",
  WOMEN = "WOMEN",
  DISABLED = "DISABLED",
  OVERSEAS_RETURNEE = "OVERSEAS_RETURNEE",
}
registerEnumType(FocusGroup, {
  name: "FocusGroup",
  description:
    "Entrepreneur groups given particular attention (大学毕业生, 退役军人, 女性, 残疾人, 留学生).",
});

/**
 * Owned by corps; platforms reads it too (a mentor counts only when APPOINTED), so it is registered
 * here, once, instead of platforms importing corps.
 */
export enum VolunteerStatus {
  APPLIED = "APPLIED",
  APPOINTED = "APPOINTED",
  SUSPENDED = "SUSPENDED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(VolunteerStatus, {
  name: "VolunteerStatus",
  description: "APPLIED → APPOINTED → SUSPENDED | WITHDRAWN.",
});

export enum DistrictKind {
  DISTRICT = "DISTRICT",
  NEW_DISTRICT = "NEW_DISTRICT",
  SPECIAL_COOPERATION_ZONE = "SPECIAL_COOPERATION_ZONE",
}
registerEnumType(DistrictKind, { name: "DistrictKind", description: "区, 新区 or 特别合作区." });

/** Shenzhen's districts: reference data every subgraph validates district codes against. */
export const DISTRICTS: ReadonlyArray<{ code: string; name: string; kind: DistrictKind }> = [
  { code: "440303", name: "罗湖区", kind: DistrictKind.DISTRICT },
  { code: "440304", name: "福田区", kind: DistrictKind.DISTRICT },
  { code: "440305", name: "南山区", kind: DistrictKind.DISTRICT },
  { code: "440306", name: "宝安区", kind: DistrictKind.DISTRICT },
  { code: "440307", name: "龙岗区", kind: DistrictKind.DISTRICT },
  { code: "440308", name: "盐田区", kind: DistrictKind.DISTRICT },
  { code: "440309", name: "龙华区", kind: DistrictKind.DISTRICT },
  { code: "440310", name: "坪山区", kind: DistrictKind.DISTRICT },
  { code: "440311", name: "光明区", kind: DistrictKind.DISTRICT },
  { code: "440391", name: "大鹏新区", kind: DistrictKind.NEW_DISTRICT },
  { code: "440392", name: "深汕特别合作区", kind: DistrictKind.SPECIAL_COOPERATION_ZONE },
];

export const isDistrictCode = (code: string) => DISTRICTS.some((d) => d.code === code);
