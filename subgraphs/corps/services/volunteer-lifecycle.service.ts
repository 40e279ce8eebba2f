// The volunteer lifecycle (docs/domain.md "corps"): APPLIED → APPOINTED → SUSPENDED | WITHDRAWN, with the
// appointment letter and service agreement, and every change kept as an audit event (rule 8).
import type { DataSource, EntityManager } from "typeorm";
import { codePoints } from "../../shared/validation/chars";
import { badInput, conflict, notFound } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { recordEvents, transition, type Audit } from "../../shared/audit";
import { checkMove } from "../../shared/transitions";
import { isUniqueViolation } from "../../shared/unique-violation";
import { mask } from "../../shared/validation/id-number";
import { Branch } from "../entities/branch.entity";
import { Volunteer } from "../entities/volunteer.entity";
import { VolunteerEvent } from "../entities/volunteer-event.entity";
import type { AgreementInput } from "../inputs/agreement.input";
import type { VolunteerInput } from "../inputs/volunteer.input";
import { VolunteerStatus } from "../../shared/vocabulary";
import { VolunteerAction } from "../vocabulary";
import { clean, rowId } from "./ids";
import { LETTER_PREFIX, nextNumber, openSeries } from "./numbering.service";
import { trackingVolunteers } from "./volunteer-counts";

const { APPLIED, APPOINTED, SUSPENDED, WITHDRAWN } = VolunteerStatus;

/** The only legal status changes; anything else is a CONFLICT naming the current status. */
export const TRANSITIONS = {
  appoint: { from: [APPLIED], to: APPOINTED, action: VolunteerAction.APPOINT },
  suspend: { from: [APPOINTED], to: SUSPENDED, action: VolunteerAction.SUSPEND },
  withdraw: {
    from: [APPLIED, APPOINTED, SUSPENDED],
    to: WITHDRAWN,
    action: VolunteerAction.WITHDRAW,
  },
  reinstate: { from: [SUSPENDED], to: APPOINTED, action: VolunteerAction.REINSTATE },
} as const;
export type Transition = keyof typeof TRANSITIONS;
const DONE: Record<Transition, string> = {
  appoint: "appointed",
  suspend: "suspended",
  withdraw: "withdrawn",
  reinstate: "reinstated",
};

export const MAX_REASON = 500;

/** A required free-text reason: trimmed, not blank, at most 500 characters. */
export function requireReason(reason: string | null | undefined, field = "reason"): string {
  const text = clean(reason);
  if (!text) throw badInput(`${field} is required: say why, in up to ${MAX_REASON} characters`);
  if (codePoints(text) > MAX_REASON)
    throw badInput(`${field} is ${codePoints(text)} characters long; keep it to ${MAX_REASON}`);
  return text;
}

export async function findVolunteer(
  db: DataSource | EntityManager,
  id: string,
): Promise<Volunteer> {
  const volunteer = await db.getRepository(Volunteer).findOneBy({ id: rowId(id, "volunteer") });
  if (!volunteer) throw notFound(`no volunteer with id "${id}"`);
  return volunteer;
}

/** What the check says a transition needs: "only a volunteer in APPLIED can be appointed". */
const needs = (transition: Transition) =>
  `only a volunteer in ${TRANSITIONS[transition].from.join(" or ")} can be ${DONE[transition]}`;

/** Throws a CONFLICT naming the volunteer's status unless the transition applies to it. */
export function assertTransition(volunteer: Volunteer, transition: Transition) {
  checkMove(
    TRANSITIONS,
    transition,
    `volunteer ${volunteer.id}`,
    volunteer.status,
    needs(transition),
  );
}

/**
 * Moves the volunteer by the transition table if nobody changed its status since it was read, and
 * writes the audit event (shared/audit.ts); the corps' counts follow (volunteer-counts.ts).
 */
function applyTransition(
  tx: EntityManager,
  audit: Audit,
  volunteer: Volunteer,
  name: Transition,
  comment: string | null,
  set: Partial<Volunteer> = {},
): Promise<Volunteer> {
  return trackingVolunteers(tx, [volunteer.id], async () => ({
    result: await transition(tx, Volunteer, {
      row: volunteer,
      subject: `volunteer ${volunteer.id}`,
      move: { table: TRANSITIONS, name, needs: needs(name) },
      set,
      event: { entity: VolunteerEvent, values: { volunteerId: volunteer.id } },
      audit,
      comment,
    }),
    created: [],
  }));
}

export async function registerVolunteer(
  db: DataSource,
  audit: Audit,
  input: VolunteerInput,
  /** The provider subject of a person applying for itself (applyToCorps). */
  identitySubject: string | null = null,
): Promise<Volunteer> {
  const name = clean(input.name);
  if (!name) throw badInput("name must not be blank");
  const branchId = Number(input.branchId);
  if (!(await db.getRepository(Branch).existsBy({ id: branchId }))) {
    throw badInput(
      `branchId ${input.branchId}: there is no such branch; the branches query lists them`,
    );
  }
  const duplicate = () =>
    conflict(`a volunteer with ID number ${mask(input.idNumber)} is already registered`);
  if (await db.getRepository(Volunteer).existsBy({ idNumber: input.idNumber })) throw duplicate();
  try {
    return await db.transaction((tx) =>
      trackingVolunteers(tx, [], async () => {
        const { identifiers } = await tx.getRepository(Volunteer).insert({
          name,
          expertType: input.expertType,
          categories: input.categories,
          employer: clean(input.employer),
          retired: input.retired,
          status: APPLIED,
          contactPhone: input.contactPhone,
          idNumber: input.idNumber,
          branchId,
          identitySubject,
        });
        const id = Number(identifiers[0].id);
        await recordEvents(tx, VolunteerEvent, audit, [
          {
            volunteerId: id,
            action: VolunteerAction.REGISTER,
            fromStatus: null,
            toStatus: APPLIED,
            comment: identitySubject ? "applied online" : "registered",
          },
        ]);
        return { result: await tx.getRepository(Volunteer).findOneByOrFail({ id }), created: [id] };
      }),
    );
  } catch (error) {
    // Registered concurrently with the same ID number: the unique index decided.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export function checkAgreement(agreement: AgreementInput, on = today()) {
  if (agreement.validFrom > agreement.validTo) {
    throw badInput(
      `agreement.validFrom ${agreement.validFrom} is after agreement.validTo ${agreement.validTo}; swap or correct them`,
    );
  }
  if (agreement.validTo < on) {
    throw badInput(
      `agreement.validTo ${agreement.validTo} has already passed; an appointment needs an agreement that is still valid`,
    );
  }
}

/** Appoints an APPLIED volunteer: issues the letter (聘书) and records the service agreement. */
export async function appointVolunteer(
  db: DataSource,
  audit: Audit,
  id: string,
  agreement: AgreementInput,
): Promise<Volunteer> {
  checkAgreement(agreement);
  const volunteer = await findVolunteer(db, id);
  assertTransition(volunteer, "appoint");
  const appointedOn = today();
  const series = await openSeries(
    db,
    { table: "volunteer", column: "letterNumber" },
    LETTER_PREFIX,
    appointedOn.slice(0, 4),
  );
  return db.transaction(async (tx) => {
    const letterNumber = await nextNumber(tx, series);
    return applyTransition(tx, audit, volunteer, "appoint", `appointment letter ${letterNumber}`, {
      letterNumber,
      appointedOn,
      agreementForm: agreement.form,
      agreementHours: agreement.committedHoursPerYear,
      agreementFrom: agreement.validFrom,
      agreementTo: agreement.validTo,
    });
  });
}

/** suspend, withdraw or reinstate: a status change with a reason (optional only when reinstating). */
export async function changeStatus(
  db: DataSource,
  audit: Audit,
  id: string,
  transition: Exclude<Transition, "appoint">,
  reason: string | null,
): Promise<Volunteer> {
  const comment = transition === "reinstate" && !clean(reason) ? null : requireReason(reason);
  const volunteer = await findVolunteer(db, id);
  assertTransition(volunteer, transition);
  return db.transaction((tx) => applyTransition(tx, audit, volunteer, transition, comment));
}
