// The volunteer's own record (docs/self-service.md): who may read what of it, and its request for
// a new certificate once its verified hours grew past the last one's.
import type { DataSource } from "typeorm";
import { isStaff, type Caller } from "../../../runtime/auth";
import { conflict, forbidden } from "../../../runtime/errors";
import type { Audit } from "../../shared/audit";
import { Certificate } from "../entities/certificate.entity";
import { Volunteer } from "../entities/volunteer.entity";
import type { VolunteerInput } from "../inputs/volunteer.input";
import { isUniqueViolation } from "../../shared/unique-violation";
import { registerVolunteer } from "./volunteer-lifecycle.service";
import {
  issueCertificate,
  type ServiceRecord,
  type ServiceRecordSource,
} from "./certificate.service";

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
 * when they exceed those of its latest certificate; CONFLICT when they have not grown.
 */
export async function requestOwnCertificate(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  source: ServiceRecordSource,
): Promise<Certificate> {
  const volunteerId = ownVolunteerId(caller);
  if (volunteerId === null) throw forbidden("only a volunteer asks for its own certificate");
  const latest = await db
    .getRepository(Certificate)
    .findOne({ where: { volunteerId }, order: { id: "DESC" } });
  let record: Promise<ServiceRecord> | null = null;
  const once: ServiceRecordSource = (id) => (record ??= source(id));
  if (latest) {
    const hours = await once(volunteerId).catch(() => null);
    if (hours && Math.round(hours.hours * 100) / 100 <= latest.hours)
      throw conflict(
        `your verified hours (${hours.hours}) have not grown since certificate ${latest.number} ` +
          `(${latest.hours} hours); download that one, or ask again once you have served more`,
        { latest: latest.number },
      );
  }
  return issueCertificate(db, audit, String(volunteerId), once);
}

/** The volunteer a signed-in person applied as (APPLICANT, or the VOLUNTEER it became). */
export async function applicationOf(db: DataSource, caller: Caller | null) {
  if (caller?.role !== "APPLICANT" && caller?.role !== "VOLUNTEER") return null;
  return db.getRepository(Volunteer).findOneBy({ identitySubject: caller.sub });
}

/**
 * A person signed in without a hub role applies for itself (公开招募): an APPLIED volunteer bound
 * to its provider subject, one per identity; the corps office reviews and appoints it as today.
 */
export async function applyToCorps(
  db: DataSource,
  audit: Audit,
  caller: Caller,
  input: VolunteerInput,
): Promise<Volunteer> {
  if (caller.role !== "APPLICANT")
    throw forbidden(
      `applying is for a person signed in without a hub role; you are signed in as ${caller.role}`,
    );
  const applied = () =>
    conflict("you have already applied; follow your application with myApplication");
  if (await db.getRepository(Volunteer).existsBy({ identitySubject: caller.sub })) throw applied();
  try {
    return await registerVolunteer(db, audit, input, caller.sub);
  } catch (error) {
    if (isUniqueViolation(error)) throw applied();
    throw error;
  }
}

/** For the gateway: the volunteer bound to a provider subject, once it was appointed. */
export async function appointedVolunteerOf(db: DataSource, subject: string) {
  const volunteer = await db.getRepository(Volunteer).findOneBy({ identitySubject: subject });
  return volunteer?.appointedOn ? volunteer : null;
}
