// The corps' part of the demo: branches, then volunteers with their agreements.
import { addDays } from "../runtime/dates";
import { idNumberCheckChar } from "../subgraphs/shared/validation/id-number";
import { DISTRICTS } from "../subgraphs/shared/vocabulary";
import { pad, type Draw } from "./draw";
import type { DemoBranch, DemoVolunteer } from "./types";
import * as W from "./words";
import { EXPERT_TYPES } from "./vocabulary";

/** The corps' branches: one regional branch per district, then one per industry. */
export function demoBranches(): DemoBranch[] {
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
  return branches;
}

export function corpsDemo({ anchor, rnd, personName, mobile, categories, dayWithin }: Draw) {
  const branches = demoBranches();

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
  return { branches, volunteers };
}
