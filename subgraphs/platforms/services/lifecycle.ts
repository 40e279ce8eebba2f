// The certification lifecycle (docs/domain.md "platforms", rule 8): the only legal moves of a platform,
// and which statuses allow its mentor group, plans and reviews to be written. Pure: no database.
import { conflict } from "../../../runtime/errors";
import { checkMove } from "../../shared/transitions";
import { PlatformAction, PlatformStatus } from "../vocabulary";

const { APPLIED, CERTIFIED, REJECTED, REVOKED } = PlatformStatus;

/**
 * The moves of an existing platform. `amend` changes an open application's details without a
 * state change; `reapply` reopens a rejected or revoked platform. Anything else is a CONFLICT.
 */
export const TRANSITIONS = {
  amend: { from: [APPLIED], to: APPLIED, action: PlatformAction.AMEND },
  reapply: { from: [REJECTED, REVOKED], to: APPLIED, action: PlatformAction.REAPPLY },
  certify: { from: [APPLIED], to: CERTIFIED, action: PlatformAction.CERTIFY },
  reject: { from: [APPLIED], to: REJECTED, action: PlatformAction.REJECT },
  revoke: { from: [CERTIFIED], to: REVOKED, action: PlatformAction.REVOKE },
} as const satisfies Record<
  string,
  { from: readonly PlatformStatus[]; to: PlatformStatus; action: PlatformAction }
>;
export type Transition = keyof typeof TRANSITIONS;

/** The status `transition` moves the platform to; a CONFLICT naming the status when illegal. */
export function nextStatus(id: number, status: PlatformStatus, transition: Transition) {
  return checkMove(TRANSITIONS, transition, `platform ${id}`, status).to;
}

/** An application for an existing platform amends it while APPLIED and reopens it afterwards. */
export function applicationTransition(id: number, status: PlatformStatus): Transition {
  if (status === APPLIED) return "amend";
  if ((TRANSITIONS.reapply.from as readonly PlatformStatus[]).includes(status)) return "reapply";
  throw conflict(
    `platform ${id} is ${status}: it cannot apply again until it is revoked; its details are those it was certified with`,
    { currentStatus: status },
  );
}

/** Statuses in which each piece of a platform's work may be written. */
export const WRITABLE_IN = {
  /** the mentor group: while applying and while certified */
  "set the mentors of": [APPLIED, CERTIFIED],
  /** public-service plans: proposed by applying or certified platforms */
  "propose a plan for": [APPLIED, CERTIFIED],
  /** performance reviews: of certified platforms, also of years before a later revocation */
  review: [CERTIFIED, REVOKED],
} as const satisfies Record<string, readonly PlatformStatus[]>;

export function assertWritable(what: keyof typeof WRITABLE_IN, id: number, status: PlatformStatus) {
  const allowed = WRITABLE_IN[what] as readonly PlatformStatus[];
  if (!allowed.includes(status)) {
    throw conflict(
      `cannot ${what} platform ${id}: it is ${status}; only a platform that is ${allowed.join(" or ")} allows it`,
      { currentStatus: status },
    );
  }
}
