// The station review lifecycle (contract/README.md, ReviewDecision): the only legal transitions,
// who may make them, and the audit event each one leaves.
import type { DataSource } from "typeorm";
import { rowLock } from "../../shared/db";
import type { Caller } from "../../../runtime/auth";
import { assertDistrictWriter } from "../../shared/auth";
import { badInput, conflict, notFound } from "../../../runtime/errors";
import { codePoints } from "../../shared/validation/chars";
import { StationEvent } from "../entities/station-event.entity";
import { Station } from "../entities/station.entity";
import { ReviewDecision, StationStatus } from "../vocabulary";

export const TRANSITIONS: Record<ReviewDecision, { from: StationStatus[]; to: StationStatus }> = {
  [ReviewDecision.ACCEPT]: { from: [StationStatus.SUBMITTED], to: StationStatus.UNDER_REVIEW },
  [ReviewDecision.REJECT]: {
    from: [StationStatus.SUBMITTED, StationStatus.UNDER_REVIEW],
    to: StationStatus.REJECTED,
  },
  [ReviewDecision.FILE]: {
    from: [StationStatus.UNDER_REVIEW, StationStatus.SUSPENDED],
    to: StationStatus.FILED,
  },
  [ReviewDecision.SUSPEND]: { from: [StationStatus.FILED], to: StationStatus.SUSPENDED },
  [ReviewDecision.REVOKE]: {
    from: [StationStatus.FILED, StationStatus.SUSPENDED],
    to: StationStatus.REVOKED,
  },
};

/** The status a decision moves a station to; any other decision is a CONFLICT naming the status. */
export function reviewedStatus(
  id: string,
  status: StationStatus,
  decision: ReviewDecision,
): StationStatus {
  const rule = TRANSITIONS[decision];
  if (!rule.from.includes(status)) {
    throw conflict(
      `cannot ${decision} station ${id}: it is ${status}, and ${decision} applies only to ${rule.from.join(" or ")}`,
      { currentStatus: status },
    );
  }
  return rule.to;
}

export async function reviewStation(
  db: DataSource,
  caller: Caller,
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
    const fromStatus = station.status;
    station.status = reviewedStatus(id, fromStatus, decision);
    if (station.status === StationStatus.FILED) station.filedAt = new Date();
    await repo.save(station);
    await tx.getRepository(StationEvent).insert({
      // Written from here, in UTC: a database default would follow the session time zone.
      at: new Date(),
      stationId: station.id,
      actor: caller.sub,
      fromStatus,
      toStatus: station.status,
      comment: comment?.trim() || null,
    });
    return station;
  });
}
