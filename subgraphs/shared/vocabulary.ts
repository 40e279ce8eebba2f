// The shared vocabularies of docs/domain.md, registered once so every subgraph prints identical enums.
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

/**
 * How one session is held: online (video) or offline (at a station). Corps derives an expert's
 * forms from the service agreement (BOTH is both); districts books a session in one of them.
 */
export enum ServiceForm {
  ONLINE = "ONLINE",
  OFFLINE = "OFFLINE",
}
registerEnumType(ServiceForm, {
  name: "ServiceForm",
  description: "线上 (online, by video) or 线下 (offline, face to face).",
});

/** 线上 / 线下, for the reasons and texts the hub writes. */
export const SERVICE_FORM_NAMES: Record<ServiceForm, string> = { ONLINE: "线上", OFFLINE: "线下" };

/**
 * Expert types (corps' ExpertType) whose work bears on a category even when the expert did not
 * list it: the matching's second-best category fit. Plain strings, so districts needs no corps enum.
 */
export const RELATED_EXPERT_TYPES: Record<ServiceCategory, readonly string[]> = {
  POLICY: ["POLICY"],
  ENTREPRENEUR: ["ENTREPRENEUR", "EXECUTIVE"],
  STRATEGY: ["EXECUTIVE", "SCHOLAR"],
  FINANCING: ["FINANCE"],
  MARKET: ["INDUSTRY", "EXECUTIVE"],
  INNOVATION: ["TECH_INNOVATION"],
  STARTUP: ["ENTREPRENEUR", "PARK_MANAGER"],
  KNOWLEDGE: ["SCHOLAR"],
  LEGAL: ["LEGAL"],
  SPACE: ["PARK_MANAGER"],
};

/** The expert types' Chinese names (corps' ExpertType), for the reasons the matching gives. */
export const EXPERT_TYPE_NAMES: Readonly<Record<string, string>> = {
  POLICY: "政策专家",
  INDUSTRY: "行业专家",
  TECH_INNOVATION: "科技创新专家",
  LEGAL: "法律专家",
  FINANCE: "金融专家",
  ENTREPRENEUR: "企业家",
  EXECUTIVE: "高管",
  PARK_MANAGER: "园区管理者",
  SCHOLAR: "学者",
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
