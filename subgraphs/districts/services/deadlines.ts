// 督办: the deadline of the step a demand waits on, in working days (runtime/working-days.ts):
// answered within `answer` days of collection, service started within `start` days of the match,
// resolved or closed within `resolve` days of the start (runtime/config/demand-deadlines.ts).
// Every write that moves a demand stores its step's columns from here (stepColumns), so that
// overdue demands and on-time rates are plain SQL on the demand table.
import type { DemandDeadlinesConfig, StepDays } from "../../../runtime/config";
import { today } from "../../../runtime/dates";
import { addWorkingDays } from "../../../runtime/working-days";
import type { Demand } from "../entities/demand.entity";
import { DemandStatus } from "../vocabulary";

export const DEFAULT_DEADLINES: DemandDeadlinesConfig = {
  defaults: { answer: 3, start: 5, resolve: 20 },
  byCategory: {},
  onlineOpenMax: 5,
};

// Set once when the districts subgraph starts (its prepare), from its configuration.
let policy: DemandDeadlinesConfig = DEFAULT_DEADLINES;
export function useDeadlines(config: DemandDeadlinesConfig) {
  policy = config;
}

/** The statuses that wait on a step, and which step. */
const STEP: Partial<Record<DemandStatus, keyof StepDays>> = {
  [DemandStatus.OPEN]: "answer",
  [DemandStatus.MATCHED]: "start",
  [DemandStatus.IN_SERVICE]: "resolve",
};
export const OPEN_STATUSES = Object.keys(STEP) as DemandStatus[];

export const stepDays = (category: string, status: DemandStatus): number | null => {
  const step = STEP[status];
  return step ? (policy.byCategory[category] ?? policy.defaults)[step] : null;
};

/** What a demand's row keeps of its step. */
export type StepState = Pick<Demand, "status" | "dueOn" | "stepsDone" | "stepsLate">;

/**
 * The step columns after a demand moves from `before` (undefined: just created) to `status`, on
 * `day`: the step it left counts as done (late when `day` is past its deadline), the step it
 * enters starts today (a new demand's first step: at its collection) with its deadline.
 */
export function stepColumns(
  before: StepState | undefined,
  to: { status: DemandStatus; category: string; collectedOn: string },
  day = today(),
): Pick<Demand, "dueOn" | "stepsDone" | "stepsLate"> {
  let { stepsDone, stepsLate } = before ?? { stepsDone: 0, stepsLate: 0 };
  if (before && before.status === to.status) return { dueOn: before.dueOn, stepsDone, stepsLate };
  if (before?.dueOn) {
    stepsDone += 1;
    if (day > before.dueOn) stepsLate += 1;
  }
  const days = stepDays(to.category, to.status);
  const since = before ? day : to.collectedOn;
  return { dueOn: days === null ? null : addWorkingDays(since, days), stepsDone, stepsLate };
}

/** Past its deadline on `day` (an open step only). */
export const isOverdue = (demand: Pick<Demand, "dueOn">, day = today()) =>
  demand.dueOn !== null && demand.dueOn < day;
