// Corrections of a volunteer's service record (MCA Order 67: "whoever organises the service records
// it, whoever records it certifies it"): the volunteer asks the district that recorded an activity
// to correct its hours there, or to add a participation left out; that district's operator or
// CITY_ADMIN decides once, with a comment. An accepted correction changes (or adds) the
// participation in the same transaction as the correction's audit event, so the volunteer's hours,
// stars and the dashboard follow at once. One open request per activity and volunteer.
import type { DataSource, EntityManager } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import type { HubConfig } from "../../../runtime/config";
import { businessDate, daysBetween } from "../../../runtime/dates";
import { badInput, conflict, DomainError, forbidden, notFound } from "../../../runtime/errors";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { assertDistrictWriter } from "../../shared/auth";
import { rowId } from "../../shared/ids";
import { toPage, type Page } from "../../shared/pagination";
import { ServiceUnavailable } from "../../shared/service-client";
import type { TransitionTable } from "../../shared/transitions";
import { isUniqueViolation } from "../../shared/unique-violation";
import { Activity } from "../entities/activity.entity";
import { Participation } from "../entities/participation.entity";
import { RecordCorrection } from "../entities/record-correction.entity";
import { RecordCorrectionEvent } from "../entities/record-correction-event.entity";
import type { RecordCorrectionInput } from "../inputs/record-correction.input";
import { RecordCorrectionAction, RecordCorrectionStatus } from "../vocabulary";
import { fetchStandings, participantProblem } from "./volunteer-check.service";
import { trackingActivities } from "./rollups";

const { OPEN, ACCEPTED, REJECTED } = RecordCorrectionStatus;
export const CORRECTION_MOVES = {
  accept: { from: [OPEN], to: ACCEPTED, action: RecordCorrectionAction.ACCEPT },
  reject: { from: [OPEN], to: REJECTED, action: RecordCorrectionAction.REJECT },
} as const satisfies TransitionTable<RecordCorrectionStatus, RecordCorrectionAction>;

const openKeyOf = (activityId: number, volunteerId: number) => `${activityId}:${volunteerId}`;

function volunteerOf(caller: Caller): number {
  if (caller.role !== "VOLUNTEER" || !caller.volunteerId)
    throw forbidden(`only a volunteer asks to correct its own record; you are ${caller.role}`);
  return Number(caller.volunteerId);
}

/** The volunteer's request: refused for an unknown activity and while one is open for it. */
export async function requestCorrection(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  input: RecordCorrectionInput,
): Promise<RecordCorrection> {
  const volunteerId = volunteerOf(caller);
  const activityId = rowId(input.activityId);
  const activity =
    activityId === null ? null : await db.getRepository(Activity).findOneBy({ id: activityId });
  if (!activity) throw notFound(`there is no activity ${input.activityId}`);
  try {
    return await db.transaction(async (tx) => {
      const recorded = await tx
        .getRepository(Participation)
        .findOneBy({ activityId: activity.id, volunteerId });
      const saved = await tx.getRepository(RecordCorrection).save({
        activityId: activity.id,
        volunteerId,
        districtCode: activity.districtCode,
        status: OPEN,
        openKey: openKeyOf(activity.id, volunteerId),
        claimedHours: input.claimedHours,
        recordedHours: recorded?.hours ?? null,
        reason: input.reason,
        decisionComment: null,
        decidedAt: null,
      });
      await recordEvents(tx, RecordCorrectionEvent, audit, [
        {
          correctionId: saved.id,
          action: RecordCorrectionAction.REQUEST,
          fromStatus: null,
          toStatus: OPEN,
          hoursBefore: recorded?.hours ?? null,
          hoursAfter: null,
          comment: input.reason,
        },
      ]);
      return tx.getRepository(RecordCorrection).findOneByOrFail({ id: saved.id });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict(
      `you already asked to correct your hours at activity ${activity.id} and the district has not decided yet; follow that request`,
    );
  }
}

/** Whether the volunteer's hours there can count (rule 3): asked of corps before a participation is added. */
async function creditProblem(config: HubConfig, volunteerId: number, heldOn: string) {
  try {
    const standings = await fetchStandings(config, [String(volunteerId)]);
    return participantProblem(String(volunteerId), heldOn, standings.get(String(volunteerId)));
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    throw new DomainError(
      "SERVICE_UNAVAILABLE",
      "cannot verify the volunteer now (the corps service is unreachable); decide again later",
    );
  }
}

/**
 * Sets (or adds) the participation's hours; returns the hours before (null: none recorded). The
 * activity's verified hours move, so the dashboard's rollups follow in this transaction.
 */
async function applyHours(tx: EntityManager, correction: RecordCorrection) {
  const repo = tx.getRepository(Participation);
  const where = { activityId: correction.activityId, volunteerId: correction.volunteerId };
  return trackingActivities(tx, [correction.activityId], async () => {
    const before = await repo.findOneBy(where);
    if (before) await repo.update({ id: before.id }, { hours: correction.claimedHours });
    else await repo.insert({ ...where, hours: correction.claimedHours, verified: true });
    return { result: before?.hours ?? null, created: [] };
  });
}

/** The decision, once: by the recording district's operator or CITY_ADMIN, with a comment. */
export async function decideCorrection(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  caller: Caller,
  id: string,
  accept: boolean,
  comment: string,
): Promise<RecordCorrection> {
  const key = rowId(id);
  const row = key === null ? null : await db.getRepository(RecordCorrection).findOneBy({ id: key });
  if (!row) throw notFound(`there is no record correction ${id}`);
  assertDistrictWriter(caller, row.districtCode);
  comment = checkComment(comment);
  if (accept && row.status === OPEN) {
    const hasParticipation = await db
      .getRepository(Participation)
      .existsBy({ activityId: row.activityId, volunteerId: row.volunteerId });
    if (!hasParticipation) {
      const activity = await db.getRepository(Activity).findOneByOrFail({ id: row.activityId });
      const problem = await creditProblem(config, row.volunteerId, activity.heldOn);
      if (problem)
        throw conflict(
          `the participation cannot be added: ${problem} (docs/domain.md rule 3); reject the request instead`,
        );
    }
  }
  return db.transaction(async (tx) => {
    const hoursBefore = accept && row.status === OPEN ? await applyHours(tx, row) : null;
    return transition(tx, RecordCorrection, {
      row,
      subject: `record correction ${row.id}`,
      move: { table: CORRECTION_MOVES, name: accept ? "accept" : "reject" },
      set: { decisionComment: comment, decidedAt: new Date(), openKey: null },
      event: {
        entity: RecordCorrectionEvent,
        values: {
          correctionId: row.id,
          hoursBefore: accept ? hoursBefore : null,
          hoursAfter: accept ? row.claimedHours : null,
        },
      },
      audit,
      comment,
    });
  });
}

/** Open requests of one district (or the city's, for CITY_ADMIN), oldest first: the queue to decide. */
export async function openCorrections(
  db: DataSource,
  caller: Caller,
  districtCode: string | null | undefined,
  first: number,
  afterId: number | null,
): Promise<Page<RecordCorrection>> {
  const district =
    caller.role === "DISTRICT_OPERATOR" ? (districtCode ?? caller.district!) : districtCode;
  if (district) assertDistrictWriter(caller, district);
  const query = db
    .getRepository(RecordCorrection)
    .createQueryBuilder("c")
    .where("c.status = :open", { open: OPEN });
  if (district) query.andWhere("c.districtCode = :district", { district });
  const totalCount = await query.getCount();
  if (afterId !== null) query.andWhere("c.id > :afterId", { afterId });
  const rows = await query
    .orderBy("c.id", "ASC")
    .take(first + 1)
    .getMany();
  return toPage(rows, first, totalCount);
}

/** Days (Shenzhen dates) the request waited: until its decision, or until today while open. */
export const waitedDays = (correction: RecordCorrection, now = new Date()) =>
  daysBetween(businessDate(correction.requestedAt), businessDate(correction.decidedAt ?? now));

/** The decision's comment: what a person reads, 2-500 characters. */
export function checkComment(comment: string): string {
  const text = comment.trim();
  const length = Array.from(text).length;
  if (length < 2 || length > 500)
    throw badInput("comment must be 2-500 characters: say why you decide so");
  return text;
}
