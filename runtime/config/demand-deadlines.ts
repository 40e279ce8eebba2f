// 督办: how many working days (China's calendar, runtime/working-days.ts) each open step of a demand
// has: answered (contacted or matched) after collection, service started once matched, resolved
// or closed once in service. Defaults 3, 5 and 20; a category may have its own.
import { integer, value, type Env, type Problems } from "./read";

export interface StepDays {
  /** OPEN → MATCHED (or further), counted from the day the demand was collected. */
  answer: number;
  /** MATCHED → IN_SERVICE, counted from the day it was matched. */
  start: number;
  /** IN_SERVICE → RESOLVED or CLOSED, counted from the day service started. */
  resolve: number;
}

export interface DemandDeadlinesConfig {
  /** DEMAND_ONLINE_OPEN_MAX: OPEN online demands one enterprise may have in one district. */
  onlineOpenMax: number;
  defaults: StepDays;
  /** Per service category (POLICY, LEGAL, ...): its own days, replacing the defaults. */
  byCategory: Readonly<Record<string, StepDays>>;
}

const DAYS = { min: 1, max: 250, what: "a whole number of working days from 1 to 250" };
const CATEGORIES = [
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
];

/** DEMAND_DEADLINES_BY_CATEGORY: "LEGAL=5/10/30,FINANCING=3/5/40" (answer/start/resolve). */
function byCategory(env: Env, problems: Problems): Record<string, StepDays> {
  const raw = value(env, "DEMAND_DEADLINES_BY_CATEGORY");
  const result: Record<string, StepDays> = {};
  if (!raw) return result;
  for (const part of raw.split(",").map((p) => p.trim())) {
    const match = /^([A-Z_]+)=(\d{1,3})\/(\d{1,3})\/(\d{1,3})$/.exec(part);
    const days = match ? [match[2], match[3], match[4]].map(Number) : [];
    if (!match || !CATEGORIES.includes(match[1]) || days.some((d) => d < 1 || d > 250)) {
      problems.add(
        `DEMAND_DEADLINES_BY_CATEGORY: "${part}" must be CATEGORY=answer/start/resolve in working days 1-250, e.g. LEGAL=5/10/30 (categories: ${CATEGORIES.join(", ")})`,
      );
      continue;
    }
    result[match[1]] = { answer: days[0], start: days[1], resolve: days[2] };
  }
  return result;
}

export function demandDeadlinesSection(env: Env, problems: Problems): DemandDeadlinesConfig {
  return {
    defaults: {
      answer: integer(env, problems, "DEMAND_ANSWER_DAYS", 3, DAYS),
      start: integer(env, problems, "DEMAND_START_DAYS", 5, DAYS),
      resolve: integer(env, problems, "DEMAND_RESOLVE_DAYS", 20, DAYS),
    },
    byCategory: byCategory(env, problems),
    onlineOpenMax: integer(env, problems, "DEMAND_ONLINE_OPEN_MAX", 5, {
      min: 1,
      max: 1000,
      what: "a whole number from 1 to 1000",
    }),
  };
}
