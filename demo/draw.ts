// The seeded draws the demo's parts share: one random sequence, dates counted back from the anchor.
import { addDays } from "../runtime/dates";
import { Random } from "./random";
import * as W from "./words";

export const CATEGORIES = [
  "POLICY",
  "ENTREPRENEUR",
  "STRATEGY",
  "FINANCING",
  "MARKET",
  "INNOVATION",
  "STARTUP",
  "KNOWLEDGE",
  "LEGAL",
  "SPACE",
] as const;

/** Bigger districts get more stations. */
export const STATION_WEIGHT: Record<string, number> = {
  "440303": 12,
  "440304": 16,
  "440305": 22,
  "440306": 22,
  "440307": 20,
  "440308": 6,
  "440309": 16,
  "440310": 9,
  "440311": 10,
  "440391": 5,
  "440392": 4,
};

export const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** One random sequence for the whole data set: the parts must draw from it in a fixed order. */
export function createDraw(anchor: string) {
  const rnd = new Random(20201224);
  const personName = () =>
    rnd.pick(W.SURNAMES) + rnd.pick(W.GIVEN) + (rnd.chance(0.6) ? rnd.pick(W.GIVEN) : "");
  const mobile = () =>
    `1${rnd.pick(["35", "36", "37", "38", "39", "50", "58", "86", "88", "77"])}${pad(rnd.int(0, 99999999), 8)}`;
  const categories = (min: number, max: number) =>
    rnd.sample(CATEGORIES, rnd.int(min, max)) as string[];
  const dayWithin = (daysBack: number, minBack = 0) => addDays(anchor, -rnd.int(minBack, daysBack));
  return { anchor, rnd, personName, mobile, categories, dayWithin };
}

export type Draw = ReturnType<typeof createDraw>;
