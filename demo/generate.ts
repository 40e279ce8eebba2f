// The demo data set: deterministic (seeded) and consistent across the four subgraphs, so that every
// cross-subgraph reference resolves. seed-rows.ts makes each subgraph's seed rows of it.
import { today } from "../runtime/dates";
import { corpsDemo } from "./corps";
import { districtsDemo } from "./districts";
import { createDraw } from "./draw";
import { platformsDemo } from "./platforms";
import { publicityDemo } from "./publicity";
import type { DemoData } from "./types";

export type {
  DemoActivity,
  DemoBranch,
  DemoData,
  DemoDemand,
  DemoPlatform,
  DemoStation,
  DemoStory,
  DemoVolunteer,
} from "./types";

/** The demo data as of `anchor` (YYYY-MM-DD, default today): dates lie in the 24 months before it. */
export function generateDemo(anchor = today()): DemoData {
  // One random sequence: the parts draw from it in this order, so reordering them changes the data.
  const draw = createDraw(anchor);
  const { branches, volunteers } = corpsDemo(draw);
  const serving = volunteers.filter((v) => v.status === "APPOINTED");
  const { stations, demands, activities } = districtsDemo(draw, serving);
  const platforms = platformsDemo(draw, stations, serving);
  const stories = publicityDemo(draw, { volunteers, stations, activities, platforms });
  return { anchor, branches, volunteers, stations, demands, activities, platforms, stories };
}
