// Districts publish their workstations: idempotent upsert keyed by (district, externalId). A new
// station starts SUBMITTED; re-publishing updates its details but never its review state.
// Check (each row) → plan (planStations, pure) → write (one transaction).
import type { DataSource, EntityManager } from "typeorm";
import { recordEvents, type Audit } from "../../shared/audit";
import { noteChanged } from "../../shared/cache-entities";
import { StationEvent } from "../entities/station-event.entity";
import { Station } from "../entities/station.entity";
import { StationInput } from "../inputs/station.input";
import { StationAction, StationStatus } from "../vocabulary";
import {
  Batch,
  findByExternalIds,
  insertWithIds,
  planAndWrite,
  planRows,
  sameValues,
  type Row,
} from "./batch";

/** The columns a station row writes. */
const columns = (s: StationInput) => ({
  name: s.name,
  hostType: s.hostType,
  address: s.address,
  categories: [...s.categories],
  contactName: s.contactName ?? null,
  contactPhone: s.contactPhone ?? null,
  venue: s.venue ?? null,
  equipment: s.equipment ?? null,
});

export async function publishStations(
  db: DataSource,
  audit: Audit,
  districtCode: string,
  rows: StationInput[],
) {
  // Check: each row on its own (the Batch validates it by StationInput's constraints; the rows
  // are the plain objects GraphQL coerced, publish-stations.plain.ts, or instances of the class).
  const batch = new Batch(districtCode, rows, "stations", StationInput);
  // Plan and write, in one transaction, on what is stored now.
  return planAndWrite(db, batch, {
    read: (tx, checked) =>
      findByExternalIds(
        tx.getRepository(Station),
        districtCode,
        checked.map((r) => r.input.externalId),
      ),
    plan: (checked, stored) => planStations(checked, stored),
    write: (tx, plan) => writeStations(tx, audit, districtCode, plan),
  });
}

/** Created, updated or unchanged; a station row is never refused at this stage. Pure. */
export const planStations = (
  rows: ReadonlyArray<Row<StationInput>>,
  stored: ReadonlyMap<string, Station>,
) =>
  planRows(rows, stored, {
    problem: () => null,
    values: columns,
    same: (next, existing) => sameValues(next, existing as never),
  });

/**
 * Updates in batch order, then the new stations, SUBMITTED, each with its first audit event. New
 * rows go in as plain multi-row INSERTs with one indexed read of their ids (insertWithIds: no
 * entity hydration or read-back of each row; `save` spent half of a 1,000-row publish in TypeORM).
 */
async function writeStations(
  tx: EntityManager,
  audit: Audit,
  districtCode: string,
  plan: ReturnType<typeof planStations>,
) {
  const repo = tx.getRepository(Station);
  for (const { id, values } of plan.updated) await repo.update({ id }, values);
  noteChanged(
    audit,
    "Station",
    plan.updated.map((u) => u.id),
  );
  if (!plan.created.length) return;
  const stations = await insertWithIds(
    tx,
    Station,
    districtCode,
    // Object.assign rather than a spread: see recordEvents.
    plan.created.map(({ row, values }) =>
      Object.assign({}, values, {
        districtCode,
        externalId: row.input.externalId,
        status: StationStatus.SUBMITTED,
      }),
    ),
  );
  noteChanged(
    audit,
    "Station",
    stations.map((s) => s.id),
  );
  await recordEvents(
    tx,
    StationEvent,
    audit,
    stations.map((station) => ({
      stationId: station.id,
      action: StationAction.PUBLISH,
      fromStatus: null,
      toStatus: StationStatus.SUBMITTED,
      comment: "published",
    })),
  );
}
