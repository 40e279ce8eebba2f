// Demonstration platforms' kinds and certification lifecycle (DOMAIN.md, "platforms").
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
  REVOKED = "REVOKED",
}
registerEnumType(PlatformStatus, {
  name: "PlatformStatus",
  description: "APPLIED → CERTIFIED → REVOKED.",
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
