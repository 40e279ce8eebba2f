// An enterprise follows its demands to the end (issue 28): its own demands across districts, its
// rating of a RESOLVED one, and the 督办 list of demands past their deadline for a district or the
// city, which marks each demand the first time it is seen overdue (one ESCALATE event, ever).
import { IsNull, type DataSource, type SelectQueryBuilder } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { today } from "../../../runtime/dates";
import { badInput, conflict, forbidden } from "../../../runtime/errors";
import { actingAs, recordEvents, updateIfUnchanged, type Audit } from "../../shared/audit";
import { codePoints } from "../../shared/validation/chars";
import { decodeCursor, pageSize, toPage, type Page } from "../../shared/pagination";
import { Demand } from "../entities/demand.entity";
import { DemandEvent } from "../entities/demand-event.entity";
import { DemandAction, DemandStatus } from "../vocabulary";
import { demandFor, manages } from "./booking-access";
import { OPEN_STATUSES } from "./deadlines";
import { trackingDemands } from "./rollups";

export const RATING_COMMENT_MAX = 500;
export const ESCALATION_ACTOR = "system:overdue";

/** Newest first, keyset on the id. */
async function page(query: SelectQueryBuilder<Demand>, first?: number, after?: string) {
  const size = pageSize(first);
  const beforeId = decodeCursor(after);
  const totalCount = await query.getCount();
  if (beforeId !== null) query.andWhere("d.id < :beforeId", { beforeId });
  const rows = await query
    .orderBy("d.id", "DESC")
    .take(size + 1)
    .getMany();
  return toPage(rows, size, totalCount);
}

/** The signed-in enterprise's demands, in every district, by its credit code. */
export async function myDemands(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  first?: number,
  after?: string,
): Promise<Page<Demand>> {
  const query = db
    .getRepository(Demand)
    .createQueryBuilder("d")
    .where("d.creditCode = :code", { code: caller.creditCode });
  await escalateOverdue(db, audit, (q) =>
    q.andWhere("d.creditCode = :code", { code: caller.creditCode }),
  );
  return page(query, first, after);
}

/** Open demands past their deadline (督办): a district's own, or the city's (CITY_ADMIN). */
export async function overdueDemands(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  districtCode: string | null,
  first?: number,
  after?: string,
): Promise<Page<Demand>> {
  const district = caller.role === "DISTRICT_OPERATOR" ? caller.district! : districtCode;
  if (districtCode && !manages(caller, districtCode))
    throw forbidden(
      `you operate district ${caller.district}; district ${districtCode}'s overdue demands are its own and the city's`,
    );
  const scope = (q: SelectQueryBuilder<Demand>) =>
    district ? q.andWhere("d.districtCode = :district", { district }) : q;
  await escalateOverdue(db, audit, scope);
  return page(scope(overdueQuery(db)), first, after);
}

/** Open demands whose step's deadline is before `day`. */
function overdueQuery(db: DataSource, day = today()) {
  return db
    .getRepository(Demand)
    .createQueryBuilder("d")
    .where("d.status IN (:...open) AND d.dueOn < :day", { open: OPEN_STATUSES, day });
}

/**
 * Writes the 督办 event of every demand in scope seen overdue for the first time: each demand's
 * mark is set only if still unset, in the transaction of its event, so concurrent reads (or
 * replicas) record it once.
 */
export async function escalateOverdue(
  db: DataSource,
  audit: Audit,
  scope: (q: SelectQueryBuilder<Demand>) => SelectQueryBuilder<Demand>,
  day = today(),
) {
  const due = await scope(overdueQuery(db, day))
    .andWhere("d.escalatedAt IS NULL")
    .select(["d.id", "d.status", "d.dueOn"])
    // One order for every reader: concurrent marks lock rows in the same order (no deadlock).
    .orderBy("d.id", "ASC")
    .take(500)
    .getMany();
  if (!due.length) return;
  const system = actingAs(audit, ESCALATION_ACTOR);
  const at = new Date();
  await db.transaction(async (tx) => {
    const events = [];
    for (const demand of due) {
      const moved = await tx
        .getRepository(Demand)
        .update({ id: demand.id, escalatedAt: IsNull() }, { escalatedAt: at });
      if (moved.affected !== 1) continue;
      events.push({
        demandId: demand.id,
        action: DemandAction.ESCALATE,
        fromStatus: demand.status,
        toStatus: demand.status,
        comment: `督办: ${demand.status} past its deadline ${demand.dueOn}`,
      });
    }
    if (events.length) await recordEvents(tx, DemandEvent, system, events, at);
  });
}

/** The enterprise rates its own RESOLVED demand, once, 1-5 (a comment optional). */
export async function rateDemand(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  id: string,
  satisfaction: number,
  comment: string | null,
) {
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5)
    throw badInput("satisfaction must be a whole number from 1 to 5");
  const text = comment?.trim() || null;
  if (text && codePoints(text) > RATING_COMMENT_MAX)
    throw badInput(`comment must be at most ${RATING_COMMENT_MAX} characters`);
  return db.transaction(async (tx) => {
    const demand = await demandFor(tx, caller, id);
    if (demand.ratedByEnterprise)
      throw conflict(
        `you rated demand ${id} already (${demand.satisfaction}); a rating is given once`,
      );
    if (demand.status !== DemandStatus.RESOLVED)
      throw conflict(`demand ${id} is ${demand.status}; it can be rated once it is RESOLVED`);
    // The satisfaction moves the dashboard's rollups, in this transaction.
    await trackingDemands(tx, [demand.id], async () => ({
      result: await updateIfUnchanged(
        tx,
        Demand,
        { id: demand.id, status: DemandStatus.RESOLVED, ratedByEnterprise: false },
        { satisfaction, ratedByEnterprise: true },
        `demand ${id}`,
      ),
      created: [],
    }));
    const said = `rated ${satisfaction} by the enterprise` + (text ? `: ${text}` : "");
    await recordEvents(tx, DemandEvent, audit, [
      {
        demandId: demand.id,
        action: DemandAction.RATE,
        fromStatus: demand.status,
        toStatus: demand.status,
        comment: said,
      },
    ]);
    return tx.getRepository(Demand).findOneByOrFail({ id: demand.id });
  });
}
