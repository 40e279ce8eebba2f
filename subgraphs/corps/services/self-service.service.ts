// The volunteer's own record (docs/self-service.md): who may read what of it, and its request for
// a new certificate once its verified hours grew past the last one's.
import type { DataSource } from "typeorm";
import { isStaff, type Caller } from "../../../runtime/auth";
import { conflict, DomainError, forbidden } from "../../../runtime/errors";
import type { Logger } from "../../../runtime/log";
import type { Audit } from "../../shared/audit";
import { Certificate } from "../entities/certificate.entity";
import { Volunteer } from "../entities/volunteer.entity";
import type { VolunteerInput } from "../inputs/volunteer.input";
import { isUniqueViolation } from "../../shared/unique-violation";
import { registerVolunteer } from "./volunteer-lifecycle.service";
import { issueCertificate, type ServiceRecordSource } from "./certificate.service";

/** The volunteer a VOLUNTEER caller is bound to; null for every other caller. */
export const ownVolunteerId = (caller: Caller | null): number | null =>
  caller?.role === "VOLUNTEER" && caller.volunteerId ? Number(caller.volunteerId) : null;

/** The volunteer itself, or the programme's staff; FORBIDDEN for anybody else signed in. */
export function assertOwnOrStaff(caller: Caller, volunteerId: number) {
  if (ownVolunteerId(caller) === volunteerId || isStaff(caller)) return;
  throw forbidden("this is for the programme's staff and the volunteer itself");
}

/** The entries of the access log a caller may read of this volunteer: its own, or CITY_ADMIN's. */
export const readsAccessLog = (caller: Caller | null, volunteer: Volunteer) =>
  caller?.role === "CITY_ADMIN" || ownVolunteerId(caller) === volunteer.id;

/**
 * The volunteer asks for a certificate of its verified hours: issued (as the corps office would)
 * when they exceed those of its latest certificate; CONFLICT when they have not grown (checked in
 * the issuing transaction, so parallel requests issue one) or when there are none yet.
 */
export async function requestOwnCertificate(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  source: ServiceRecordSource,
): Promise<Certificate> {
  const volunteerId = ownVolunteerId(caller);
  if (volunteerId === null) throw forbidden("only a volunteer asks for its own certificate");
  return issueCertificate(db, audit, String(volunteerId), source, true);
}

/** The volunteer a signed-in person applied as (APPLICANT, or the VOLUNTEER it became). */
export async function applicationOf(db: DataSource, caller: Caller | null) {
  if (caller?.role !== "APPLICANT" && caller?.role !== "VOLUNTEER") return null;
  return db.getRepository(Volunteer).findOneBy({ identitySubject: caller.sub });
}

/**
 * What an applicant hears when its ID number is already a volunteer's: not that it is (that would
 * tell anybody whether a citizen's ID number is registered), only to see the corps office, which
 * sees the reason in the log (docs/self-service.md "Applicants").
 */
export const NOT_ACCEPTED =
  "this application cannot be accepted as given; contact the corps office";

/**
 * A person signed in without a hub role applies for itself (公开招募): an APPLIED volunteer bound
 * to its provider subject, one per identity; the corps office reviews and appoints it as today.
 */
export async function applyToCorps(
  db: DataSource,
  audit: Audit,
  log: Logger,
  caller: Caller,
  input: VolunteerInput,
): Promise<Volunteer> {
  if (caller.role !== "APPLICANT")
    throw forbidden(
      `applying is for a person signed in without a hub role; you are signed in as ${caller.role}`,
    );
  const repo = db.getRepository(Volunteer);
  const applied = () =>
    conflict("you have already applied; follow your application with myApplication");
  const refused = async () => {
    if (await repo.existsBy({ identitySubject: caller.sub })) return applied();
    const holder = await repo.findOneBy({ idNumber: input.idNumber });
    log.warn(
      { volunteerId: holder?.id ?? null, requestId: audit.requestId },
      "application refused: its ID number is already a volunteer's",
    );
    return conflict(NOT_ACCEPTED);
  };
  if (await repo.existsBy({ identitySubject: caller.sub })) throw applied();
  if (await repo.existsBy({ idNumber: input.idNumber })) throw await refused();
  try {
    return await registerVolunteer(db, audit, input, caller.sub);
  } catch (error) {
    // Applied concurrently: the unique indexes decided (registerVolunteer answers CONFLICT).
    if (isUniqueViolation(error) || (error instanceof DomainError && error.code === "CONFLICT"))
      throw await refused();
    throw error;
  }
}

/** For the gateway: the volunteer bound to a provider subject, once it was appointed. */
export async function appointedVolunteerOf(db: DataSource, subject: string) {
  const volunteer = await db.getRepository(Volunteer).findOneBy({ identitySubject: subject });
  return volunteer?.appointedOn ? volunteer : null;
}
