// Public-service plans (公益服务计划): proposed for a platform by its operator (or CITY_ADMIN),
// filed (备案) or rejected by CITY_ADMIN, each change an audit event; listed per platform, category,
// period and status.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { badInput, notFound } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { checkMove } from "../../shared/transitions";
import { rowId } from "../../shared/ids";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { PlanEvent } from "../entities/plan-event.entity";
import { ServicePlan } from "../entities/service-plan.entity";
import type { ServicePlanInput } from "../inputs/service-plan.input";
import type { ServicePlansArgs } from "../inputs/service-plans.args";
import { PlanAction, PlanStatus } from "../vocabulary";
import { assertPlatformWriter } from "./access";
import { assertWritable } from "./lifecycle";
import { findPlatform } from "./platform-writes";
import { clean, optionalComment, required, requireReason } from "./text";

/** The only legal moves of a plan; anything else is a CONFLICT naming its status. */
export const PLAN_TRANSITIONS = {
  file: { from: [PlanStatus.PROPOSED], to: PlanStatus.FILED, action: PlanAction.FILE },
  reject: { from: [PlanStatus.PROPOSED], to: PlanStatus.REJECTED, action: PlanAction.REJECT },
} as const;
export type PlanTransition = keyof typeof PLAN_TRANSITIONS;

export function nextPlanStatus(id: number, status: PlanStatus, move: PlanTransition) {
  return checkMove(PLAN_TRANSITIONS, move, `plan ${id}`, status).to;
}

/** Plans run from 2000 up to next year (plans are proposed ahead); Shenzhen's calendar. */
export function checkPlanPeriod(period: string, now = today()) {
  const year = Number(period.slice(0, 4));
  const latest = Number(now.slice(0, 4)) + 1;
  if (year < 2000 || year > latest) {
    throw badInput(`period ${period} is out of range: plans are for 2000 to ${latest}`);
  }
  return period;
}

export async function proposePlan(
  db: DataSource,
  caller: Caller,
  audit: Audit,
  platformId: string,
  input: ServicePlanInput,
): Promise<ServicePlan> {
  assertPlatformWriter(caller, platformId);
  const platform = await findPlatform(db, platformId);
  assertWritable("propose a plan for", platform.id, platform.status);
  const plan = {
    platformId: platform.id,
    title: required("title", input.title),
    category: input.category,
    period: checkPlanPeriod(input.period),
    proposer: required("proposer", input.proposer),
    description: clean(input.description),
    status: PlanStatus.PROPOSED,
  };
  return db.transaction(async (tx) => {
    const { identifiers } = await tx.getRepository(ServicePlan).insert(plan);
    const id = Number(identifiers[0].id);
    await recordEvents(tx, PlanEvent, audit, [
      { planId: id, action: PlanAction.PROPOSE, fromStatus: null, toStatus: PlanStatus.PROPOSED },
    ]);
    return tx.getRepository(ServicePlan).findOneByOrFail({ id });
  });
}

/** file (comment optional) or reject (reason required); CITY_ADMIN, checked by the resolver. */
export async function decidePlan(
  db: DataSource,
  audit: Audit,
  id: string,
  move: PlanTransition,
  comment: string | null | undefined,
): Promise<ServicePlan> {
  const note = move === "reject" ? requireReason(comment) : optionalComment(comment);
  const key = rowId(id);
  const plan = key === null ? null : await db.getRepository(ServicePlan).findOneBy({ id: key });
  if (!plan) throw notFound(`plan ${id} does not exist`);
  return db.transaction((tx) =>
    transition(tx, ServicePlan, {
      row: plan,
      subject: `plan ${plan.id}`,
      move: { table: PLAN_TRANSITIONS, name: move },
      event: { entity: PlanEvent, values: { planId: plan.id } },
      audit,
      comment: note,
    }),
  );
}

/** Plans, per platform, category, period and status; oldest first (keyset on the id). */
export async function findPlans(
  db: DataSource,
  args: ServicePlansArgs,
): Promise<Page<ServicePlan>> {
  const first = pageSize(args.first);
  const afterId = decodeCursor(args.after);
  const query = db.getRepository(ServicePlan).createQueryBuilder("s");
  if (args.platformId) {
    const platformId = rowId(args.platformId);
    if (platformId === null) return toPage([], first, 0);
    query.andWhere("s.platformId = :platformId", { platformId });
  }
  const { category, period, status } = args;
  if (category) query.andWhere("s.category = :category", { category });
  if (period) query.andWhere("s.period = :period", { period });
  if (status) query.andWhere("s.status = :status", { status });
  const totalCount = await query.getCount();
  if (afterId !== null) query.andWhere("s.id > :afterId", { afterId });
  const rows = await query
    .orderBy("s.id", "ASC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}
