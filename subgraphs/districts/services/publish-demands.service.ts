// Districts publish SME demands collected at their stations: idempotent upsert keyed by
// (district, externalId), credit codes checked (GB 32100), the station must be the district's own.
// Check (each row) → plan (planDemands, pure) → write (one transaction).
import type { DataSource, EntityManager } from "typeorm";
import { trackingDemands } from "./rollups";
import { recordEvents, updateIfUnchanged, type Audit, type EventValues } from "../../shared/audit";
import { creditCodeProblem } from "../../shared/validation/credit-code";
import { Demand } from "../entities/demand.entity";
import { DemandEvent } from "../entities/demand-event.entity";
import type { DemandInput } from "../inputs/demand.input";
import { DemandAction, DemandStatus } from "../vocabulary";
import { stepColumns } from "./deadlines";
import {
  Batch,
  externalKey,
  insertWithIds,
  planAndWrite,
  planRows,
  readWithStations,
  sameValues,
  stationIdOf,
  stationProblem,
  type Plan,
  type Row,
  type StoredWithStations,
} from "./batch";

/** OPEN → MATCHED → IN_SERVICE → RESOLVED, or CLOSED from any open state; never backwards. */
const STAGE: Record<DemandStatus, number> = {
  [DemandStatus.OPEN]: 0,
  [DemandStatus.MATCHED]: 1,
  [DemandStatus.IN_SERVICE]: 2,
  [DemandStatus.RESOLVED]: 3,
  [DemandStatus.CLOSED]: 3,
};

export function demandTransitionProblem(from: DemandStatus, to: DemandStatus): string | null {
  if (from === to || STAGE[to] > STAGE[from]) return null;
  return `the demand is ${from}; it cannot go back to ${to}`;
}

export async function publishDemands(
  db: DataSource,
  audit: Audit,
  districtCode: string,
  rows: DemandInput[],
) {
  // Check: each row on its own.
  const batch = new Batch(districtCode, rows, "demands");
  checkDemands(batch);
  // Plan and write, in one transaction, on what is stored now.
  return planAndWrite(db, batch, {
    read: (tx, checked) =>
      readWithStations(tx, Demand, districtCode, checked, (input) => input.stationExternalId),
    plan: (checked, stored) => planDemands(districtCode, checked, stored),
    write: (tx, plan, { stored }) => writeDemands(tx, audit, districtCode, plan, stored),
  });
}

/** The rules of a single row: a valid credit code, satisfaction once resolved (the date: @PastDate). */
export function checkDemands(batch: Batch<DemandInput>) {
  batch.check(({ input }) => creditCodeProblem(input.creditCode.trim().toUpperCase()));
  batch.check(({ input }) =>
    input.satisfaction != null && (input.status ?? DemandStatus.OPEN) !== DemandStatus.RESOLVED
      ? `satisfaction is given only for a RESOLVED demand; this one is ${input.status ?? DemandStatus.OPEN}`
      : null,
  );
}

/** The enterprise rated the demand itself (rateDemand): its district no longer sets the score. */
const ratedProblem = (input: DemandInput, existing: Demand | undefined) =>
  existing?.ratedByEnterprise && input.satisfaction != null
    ? `demand ${input.externalId} was rated by the enterprise itself (${existing.satisfaction}); its district no longer sets satisfaction: leave it out of this row`
    : null;

/** What one row writes. */
type DemandValues = Pick<
  Demand,
  | "stationId"
  | "enterpriseName"
  | "creditCode"
  | "category"
  | "focusGroup"
  | "specialised"
  | "description"
  | "status"
  | "collectedOn"
  | "satisfaction"
  | "dueOn"
  | "stepsDone"
  | "stepsLate"
>;

/**
 * The status a row sets: the one it gives; without one, OPEN for a new demand and the stored one
 * for a demand already published (bookings move demands on, so a re-sent file without statuses
 * must not try to take them back).
 */
const statusOf = (input: DemandInput, existing: Demand | undefined) =>
  input.status ?? existing?.status ?? DemandStatus.OPEN;

/** Refused at its station or for moving backwards, else created, updated or unchanged. Pure. */
export function planDemands(
  districtCode: string,
  rows: ReadonlyArray<Row<DemandInput>>,
  { stored, stations }: StoredWithStations<Demand>,
): Plan<DemandInput, DemandValues> {
  return planRows(rows, stored, {
    problem: (input, existing) =>
      stationProblem(
        input.stationExternalId,
        stations,
        existing,
        districtCode,
        "demands are collected",
      ) ??
      (existing ? demandTransitionProblem(existing.status, statusOf(input, existing)) : null) ??
      ratedProblem(input, existing),
    values: (input, existing) => ({
      stationId: stationIdOf(stations, input.stationExternalId)!,
      enterpriseName: input.enterpriseName.trim(),
      creditCode: input.creditCode.trim().toUpperCase(),
      category: input.category,
      focusGroup: input.focusGroup ?? null,
      specialised: input.specialised ?? false,
      description: input.description.trim(),
      status: statusOf(input, existing),
      collectedOn: input.collectedOn,
      satisfaction: existing?.ratedByEnterprise
        ? existing.satisfaction
        : (input.satisfaction ?? (input.status == null ? (existing?.satisfaction ?? null) : null)),
      ...stepColumns(existing, {
        status: statusOf(input, existing),
        category: input.category,
        collectedOn: input.collectedOn,
      }),
    }),
    same: (values, existing) => sameValues(values, existing as never),
  });
}

/**
 * Updates in batch order, each only if the demand is still in the status the plan read (a booking
 * may have moved it since: then CONFLICT, and the batch writes nothing), then the new demands
 * (multi-row INSERTs and one read of their ids), then one audit event for every status this batch
 * set, the new demands' included, in multi-row INSERTs (docs/domain.md rule 8).
 */
async function writeDemands(
  tx: EntityManager,
  audit: Audit,
  districtCode: string,
  plan: Plan<DemandInput, DemandValues>,
  stored: ReadonlyMap<string, Demand>,
) {
  const updated = plan.updated.map((u) => u.id);
  await trackingDemands(
    tx,
    updated,
    async () => ({
      result: undefined,
      created: await writeDemandRows(tx, audit, districtCode, plan, stored),
    }),
    audit,
  );
}

/** The writes themselves; returns the new demands' ids (the rollups follow them). */
async function writeDemandRows(
  tx: EntityManager,
  audit: Audit,
  districtCode: string,
  plan: Plan<DemandInput, DemandValues>,
  stored: ReadonlyMap<string, Demand>,
): Promise<number[]> {
  const events: Array<EventValues<DemandEvent>> = [];
  for (const { row, id, values } of plan.updated) {
    const from = stored.get(externalKey(row.input.externalId))!.status;
    await updateIfUnchanged(tx, Demand, { id, status: from }, values, `demand ${id}`);
    if (values.status !== from)
      events.push({
        demandId: id,
        action: DemandAction.UPDATE,
        fromStatus: from,
        toStatus: values.status,
        comment: `published again as ${values.status}`,
      });
  }
  let created: Array<{ id: number; status: DemandStatus }> = [];
  if (plan.created.length) {
    created = await insertWithIds(
      tx,
      Demand,
      districtCode,
      // Object.assign rather than a spread: see recordEvents.
      plan.created.map(({ row, values }) =>
        Object.assign({}, values, { districtCode, externalId: row.input.externalId }),
      ),
    );
    for (const demand of created)
      events.push({
        demandId: demand.id,
        action: DemandAction.PUBLISH,
        fromStatus: null,
        toStatus: demand.status,
        comment: "published",
      });
  }
  await recordEvents(tx, DemandEvent, audit, events);
  return created.map((d) => d.id);
}
