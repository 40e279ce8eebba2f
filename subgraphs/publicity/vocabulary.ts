// Case stories' lifecycle, the actions kept in their history, and media outlets (docs/domain.md,
// "publicity").
import { registerEnumType } from "type-graphql";

export enum StoryStatus {
  DRAFT = "DRAFT",
  IN_REVIEW = "IN_REVIEW",
  PUBLISHED = "PUBLISHED",
  RETRACTED = "RETRACTED",
}
registerEnumType(StoryStatus, {
  name: "StoryStatus",
  description: "DRAFT → IN_REVIEW → PUBLISHED → RETRACTED. Only PUBLISHED stories are public.",
});

/** What an audit event of a story records: its drafting, an edit, a transition, coverage. */
export enum StoryAction {
  DRAFT = "DRAFT",
  EDIT = "EDIT",
  SUBMIT = "SUBMIT",
  PUBLISH = "PUBLISH",
  RETURN = "RETURN",
  RETRACT = "RETRACT",
  RECORD_COVERAGE = "RECORD_COVERAGE",
}
registerEnumType(StoryAction, {
  name: "StoryAction",
  description:
    "What a change to a story did: drafted it, edited the draft, one of the four transitions (submit, publish, return, retract), or recorded media coverage.",
});

export enum Outlet {
  SHENZHEN_SPECIAL_ZONE_DAILY = "SHENZHEN_SPECIAL_ZONE_DAILY",
  SHENZHEN_BUSINESS_DAILY = "SHENZHEN_BUSINESS_DAILY",
  SZTV = "SZTV",
  SHENZHEN_RADIO = "SHENZHEN_RADIO",
  ONLINE_MEDIA = "ONLINE_MEDIA",
  SELF_MEDIA = "SELF_MEDIA",
}
registerEnumType(Outlet, {
  name: "Outlet",
  description: "两报两台 (深圳特区报, 深圳商报, 深圳广电, 深圳电台), online media and self-media.",
});

export enum ReferenceKind {
  VOLUNTEER = "VOLUNTEER",
  STATION = "STATION",
  PLATFORM = "PLATFORM",
  ACTIVITY = "ACTIVITY",
}

/** Roles that see stories in every state and write them; everybody else sees PUBLISHED ones. */
export const EDITOR_ROLES = ["PUBLICITY_EDITOR", "CITY_ADMIN"] as const;
