// Reports up the chain (docs/reports.md): when closed months are closed by the hub itself, and
// the weights of the stations' annual assessment (考核).
import { flag, integer, value, type Env, type Problems } from "./read";

/** The figures of a station's year that its assessment score weighs. */
export const ASSESSMENT_FIGURES = [
  "activities",
  "enterprisesServed",
  "serviceHours",
  "resolutionRate",
  "meanSatisfaction",
  "monthsIdle",
] as const;
export type AssessmentFigure = (typeof ASSESSMENT_FIGURES)[number];

export interface ReportsConfig {
  /** Whether the districts subgraph closes last month itself (REPORTS_AUTO_CLOSE). */
  autoClose: boolean;
  /** The working day (Shenzhen) after a month's end on which it is closed (REPORTS_CLOSE_WORKING_DAY). */
  closeWorkingDay: number;
  /** How often the subgraph checks whether a month is due (REPORTS_CLOSE_CHECK_MINUTES). */
  closeCheckMinutes: number;
  /** score = Σ weight × figure over the year's closed months (ASSESSMENT_WEIGHTS). */
  assessmentWeights: Record<AssessmentFigure, number>;
}

export const DEFAULT_ASSESSMENT_WEIGHTS: Record<AssessmentFigure, number> = {
  activities: 2,
  enterprisesServed: 1,
  serviceHours: 0.5,
  resolutionRate: 0.5,
  meanSatisfaction: 10,
  monthsIdle: -10,
};

/** "activities:2,serviceHours:0.5": the weights named replace the defaults. */
function weights(env: Env, problems: Problems) {
  const raw = value(env, "ASSESSMENT_WEIGHTS");
  const result = { ...DEFAULT_ASSESSMENT_WEIGHTS };
  if (raw === undefined) return result;
  for (const part of raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, number] = part.split(":").map((p) => p.trim());
    const weight = Number(number);
    if (
      !(ASSESSMENT_FIGURES as readonly string[]).includes(name) ||
      !number ||
      !Number.isFinite(weight)
    )
      problems.add(
        `ASSESSMENT_WEIGHTS: "${part}" must be figure:number, the figure one of ${ASSESSMENT_FIGURES.join(", ")}, e.g. activities:2,monthsIdle:-10`,
      );
    else result[name as AssessmentFigure] = weight;
  }
  return result;
}

export function reportsSection(env: Env, problems: Problems): ReportsConfig {
  return {
    autoClose: flag(env, problems, "REPORTS_AUTO_CLOSE", true),
    closeWorkingDay: integer(env, problems, "REPORTS_CLOSE_WORKING_DAY", 3, {
      min: 1,
      max: 15,
      what: "a working day from 1 to 15",
    }),
    closeCheckMinutes: integer(env, problems, "REPORTS_CLOSE_CHECK_MINUTES", 60, {
      min: 1,
      max: 1440,
      what: "a number of minutes from 1 to 1440",
    }),
    assessmentWeights: weights(env, problems),
  };
}
