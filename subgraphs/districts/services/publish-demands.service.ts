// Districts publish SME demands collected at their stations: idempotent upsert keyed by
// (district, externalId), credit codes checked (GB 32100), the station must be the district's own.
// Check (each row) → plan (planDemands, pure) → write (one transaction).
import type { DataSource, EntityManager } from "typeorm";
import { creditCodeProblem } from "../../shared/validation/credit-code";
import { Demand } from "../entities/demand.entity";
import type { DemandInput } from "../inputs/demand.input";
import { DemandStatus } from "../vocabulary";
import {
  Batch,
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
import { insertRows } from "../../shared/db";

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

export async function publishDemands(db: DataSource, districtCode: string, rows: DemandInput[]) {
  // Check: each row on its own.
  const batch = new Batch(districtCode, rows, "demands");
  checkDemands(batch);
  // Plan and write, in one transaction, on what is stored now.
  return planAndWrite(db, batch, {
    read: (tx, checked) =>
      readWithStations(tx, Demand, districtCode, checked, (input) => input.stationExternalId),
    plan: (checked, stored) => planDemands(districtCode, checked, stored),
    write: (tx, plan) => writeDemands(tx, districtCode, plan),
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
      ) ?? (existing ? demandTransitionProblem(existing.status, statusOf(input, existing)) : null),
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
      satisfaction:
        input.satisfaction ?? (input.status == null ? (existing?.satisfaction ?? null) : null),
    }),
    same: (values, existing) => sameValues(values, existing as never),
  });
}

/** Updates in batch order, then the new demands (insertRows: multi-row INSERTs, no read-back). */
async function writeDemands(
  tx: EntityManager,
  districtCode: string,
  plan: Plan<DemandInput, DemandValues>,
) {
  const repo = tx.getRepository(Demand);
  for (const { id, values } of plan.updated) await repo.update({ id }, values);
  if (!plan.created.length) return;
  await insertRows(
    tx,
    Demand,
    plan.created.map(({ row, values }) => ({
      ...values,
      districtCode,
      externalId: row.input.externalId,
    })),
  );
}
