// The station review lifecycle (contract/README.md, ReviewDecision): the only legal transitions,
// who may make them, and the audit event each one leaves.
import type { DataSource } from "typeorm";
import { rowLock } from "../../shared/db";
import type { Caller } from "../../../runtime/auth";
import { transition, type Audit } from "../../shared/audit";
import { assertDistrictWriter } from "../../shared/auth";
import { badInput, notFound } from "../../../runtime/errors";
import { checkMove, type Move } from "../../shared/transitions";
import { codePoints } from "../../shared/validation/chars";
import { StationEvent } from "../entities/station-event.entity";
import { Station } from "../entities/station.entity";
import { ReviewDecision, StationAction, StationStatus } from "../vocabulary";

const { SUBMITTED, UNDER_REVIEW, FILED, SUSPENDED, REJECTED, REVOKED } = StationStatus;

export const TRANSITIONS: Record<ReviewDecision, Move<StationStatus, StationAction>> = {
  [ReviewDecision.ACCEPT]: { from: [SUBMITTED], to: UNDER_REVIEW, action: StationAction.ACCEPT },
  [ReviewDecision.REJECT]: {
    from: [SUBMITTED, UNDER_REVIEW],
    to: REJECTED,
    action: StationAction.REJECT,
  },
  [ReviewDecision.FILE]: { from: [UNDER_REVIEW, SUSPENDED], to: FILED, action: StationAction.FILE },
  [ReviewDecision.SUSPEND]: { from: [FILED], to: SUSPENDED, action: StationAction.SUSPEND },
  [ReviewDecision.REVOKE]: {
    from: [FILED, SUSPENDED],
    to: REVOKED,
    action: StationAction.REVOKE,
  },
};

/** The status a decision moves a station to; any other decision is a CONFLICT naming the status. */
export function reviewedStatus(
  id: string,
  status: StationStatus,
  decision: ReviewDecision,
): StationStatus {
  return checkMove(TRANSITIONS, decision, `station ${id}`, status).to;
}

export async function reviewStation(
  db: DataSource,
  caller: Caller,
  audit: Audit,
  id: string,
  decision: ReviewDecision,
  comment: string | null,
) {
  if (comment && codePoints(comment) > 1000)
    throw badInput("comment must be at most 1000 characters");
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(Station);
    const station = /^\d+$/.test(id)
      ? await repo.findOne({ where: { id: Number(id) }, lock: rowLock(db) })
      : null;
    if (!station) throw notFound(`station ${id} does not exist`);
    assertDistrictWriter(caller, station.districtCode);
    return transition(tx, Station, {
      row: station,
      subject: `station ${id}`,
      move: { table: TRANSITIONS, name: decision },
      set: TRANSITIONS[decision].to === FILED ? { filedAt: new Date() } : {},
      event: { entity: StationEvent, values: { stationId: station.id } },
      audit,
      comment: comment?.trim() || null,
    });
  });
}
