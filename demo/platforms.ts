// The platforms' part of the demo: demonstration platforms and their mentor groups.
import { addDays } from "../runtime/dates";
import { STATION_WEIGHT, type Draw } from "./draw";
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
