// The vocabularies the demo data and the benchmark's data set draw from (the enums' names), in
// the order they are drawn in: reordering one changes the generated data.

export const EXPERT_TYPES = [
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

export const HOST_TYPES = [
  "SME_PARK",
  "INDUSTRIAL_CLUSTER",
  "STARTUP_BASE",
  "LEADING_ENTERPRISE_STATION",
  "INCUBATOR",
] as const;

/** CONSULTATION first: a one-on-one session, crew of one. */
export const ACTIVITY_TYPES = [
  "CONSULTATION",
  "SALON",
  "SEMINAR",
  "THEMED_SESSION",
  "ONLINE_CLINIC",
  "VIDEO_CONFERENCE",
  "MICRO_COURSE",
  "FREE_COURSE",
] as const;

export const ONLINE_TYPES = new Set<string>(["ONLINE_CLINIC", "VIDEO_CONFERENCE", "MICRO_COURSE"]);

export const FOCUS_GROUPS = [
  "GRADUATE",
  "VETERAN",
  "WOMEN",
  "DISABLED",
  "OVERSEAS_RETURNEE",
] as const;

export const OUTLETS = [
  "SHENZHEN_SPECIAL_ZONE_DAILY",
  "SHENZHEN_BUSINESS_DAILY",
  "SZTV",
  "SHENZHEN_RADIO",
  "ONLINE_MEDIA",
  "SELF_MEDIA",
] as const;
