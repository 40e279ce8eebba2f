// 线上诉求: an enterprise, signed in as ENTERPRISE, submits a demand itself, naming its district
// (and a station if it knows one). It enters that district's queue as collected online today, with
// the same checks, deadlines and timeline as a demand a station collected; the district (or the
// city) routes it to one of its FILED stations.
import { randomBytes } from "node:crypto";
import { IsNull, type DataSource, type EntityManager } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import { today } from "../../../runtime/dates";
import { badInput, conflict } from "../../../runtime/errors";
import { recordEvents, updateIfUnchanged, type Audit } from "../../shared/audit";
import { insertRows, oneAtATimeOnSqlite, rowLock } from "../../shared/db";
import { District } from "../entities/district.entity";
import { Demand } from "../entities/demand.entity";
import { DemandEvent } from "../entities/demand-event.entity";
import { Station } from "../entities/station.entity";
import type { SubmitDemandInput } from "../inputs/submit-demand.input";
import { DemandAction, DemandChannel, DemandStatus, StationStatus } from "../vocabulary";
import { externalKey, findByExternalIds } from "./batch";
import { demandFor } from "./booking-access";
import { stepColumns } from "./deadlines";
import { trackingDemands } from "./rollups";

/** A FILED station of the district by its external id; BAD_INPUT naming what to do otherwise. */
async function filedStation(db: DataSource, districtCode: string, externalId: string) {
  const found = await findByExternalIds(db.getRepository(Station), districtCode, [externalId]);
  const station = found.get(externalKey(externalId));
  if (!station)
    throw badInput(
      `stationExternalId ${externalId} is not a filed station of district ${districtCode}; name one of its FILED stations`,
    );
  if (station.status !== StationStatus.FILED)
    throw badInput(
      `station ${station.externalId} is ${station.status}; demands go only to FILED stations`,
    );
  return station;
}

/**
 * CONFLICT when the enterprise already has `max` OPEN online demands in the district. Runs inside
 * the submitting transaction after locking the district's row (MySQL), so parallel submissions
 * count one after another; SQLite's submissions take turns (oneAtATimeOnSqlite).
 */
async function checkOpenOnline(
  tx: EntityManager,
  districtCode: string,
  creditCode: string,
  max: number,
) {
  await tx
    .getRepository(District)
    .findOne({ where: { code: districtCode }, lock: rowLock(tx.connection) });
  const open = await tx.getRepository(Demand).countBy({
    districtCode,
    creditCode,
    channel: DemandChannel.ONLINE,
    status: DemandStatus.OPEN,
  });
  if (open >= max)
    throw conflict(
      `you already have ${open} open online demands in this district; wait until one is answered`,
      { districtCode, open, max },
    );
}

export function submitDemand(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  input: SubmitDemandInput,
  openMax: number,
): Promise<Demand> {
  return oneAtATimeOnSqlite(db, () => submit(db, audit, caller, input, openMax));
}

async function submit(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  input: SubmitDemandInput,
  openMax: number,
): Promise<Demand> {
  const station = input.stationExternalId
    ? await filedStation(db, input.districtCode, input.stationExternalId)
    : null;
  const collectedOn = today();
  const externalId = `ONLINE-${collectedOn.replaceAll("-", "")}-${randomBytes(5).toString("hex")}`;
  const values = {
    districtCode: input.districtCode,
    externalId,
    stationId: station?.id ?? null,
    enterpriseName: input.enterpriseName.trim(),
    creditCode: caller.creditCode!,
    category: input.category,
    focusGroup: input.focusGroup ?? null,
    specialised: input.specialised ?? false,
    description: input.description.trim(),
    status: DemandStatus.OPEN,
    collectedOn,
    channel: DemandChannel.ONLINE,
    ...stepColumns(undefined, { status: DemandStatus.OPEN, category: input.category, collectedOn }),
  };
  return db.transaction(async (tx) => {
    await checkOpenOnline(tx, input.districtCode, values.creditCode, openMax);
    // A new demand: the dashboard's rollups and its station's last demand date follow.
    const demand = await trackingDemands(tx, [], async () => {
      await insertRows(tx, Demand, [values]);
      const row = await tx.getRepository(Demand).findOneByOrFail({
        districtCode: input.districtCode,
        externalId,
      });
      return { result: row, created: [row.id] };
    });
    const where = station ? ` at station ${station.externalId}` : "; the district routes it";
    await recordEvents(tx, DemandEvent, audit, [
      {
        demandId: demand.id,
        action: DemandAction.SUBMIT,
        fromStatus: null,
        toStatus: DemandStatus.OPEN,
        comment: `submitted online by the enterprise${where}`,
      },
    ]);
    return demand;
  });
}

/** The district (or the city) sends a demand to one of its FILED stations; the status stays. */
export async function routeDemand(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  id: string,
  stationExternalId: string,
): Promise<Demand> {
  const demand = await demandFor(db, caller, id);
  if (demand.status === DemandStatus.RESOLVED || demand.status === DemandStatus.CLOSED)
    throw conflict(`demand ${id} is ${demand.status}; only an open demand is routed`);
  const station = await filedStation(db, demand.districtCode, stationExternalId);
  if (station.id === demand.stationId) return demand;
  return db.transaction(async (tx) => {
    // Both stations' last demand dates follow the demand (services/rollups.ts).
    await trackingDemands(tx, [demand.id], async () => ({
      result: await updateIfUnchanged(
        tx,
        Demand,
        { id: demand.id, status: demand.status, stationId: demand.stationId ?? IsNull() },
        { stationId: station.id },
        `demand ${id}`,
      ),
      created: [],
    }));
    await recordEvents(tx, DemandEvent, audit, [
      {
        demandId: demand.id,
        action: DemandAction.ROUTE,
        fromStatus: demand.status,
        toStatus: demand.status,
        comment: `routed to station ${station.externalId}`,
      },
    ]);
    return tx.getRepository(Demand).findOneByOrFail({ id: demand.id });
  });
}
