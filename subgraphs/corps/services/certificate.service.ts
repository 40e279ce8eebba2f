// Service certificates (志愿服务证明): issued from the hours districts has verified, read at issue
// time through the gateway (corps never reads districts' tables), and kept as a numbered snapshot.
// When the hours cannot be read, no certificate is issued: unchecked hours are never certified.
import path from "node:path";
import type { DataSource, EntityManager } from "typeorm";
import { readOperation } from "../../../runtime/operations";
import type { HubConfig } from "../../../runtime/config";
import { badInput, conflict } from "../../../runtime/errors";
import { maskName } from "../../shared/validation/name";
import { today } from "../../../runtime/dates";
import { recordEvents, type Audit } from "../../shared/audit";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";
import { SERVICE_CATEGORY_NAMES, ServiceCategory, VolunteerStatus } from "../../shared/vocabulary";
import { Certificate } from "../entities/certificate.entity";
import { VolunteerEvent } from "../entities/volunteer-event.entity";
import type { CertificateVerification } from "../types/certificate-verification";
import { CERTIFICATE_ISSUER, VolunteerAction } from "../vocabulary";
import { CERTIFICATE_PREFIX, nextNumber, openSeries } from "./numbering.service";
import { findVolunteer } from "./volunteer-lifecycle.service";
import { rowLock } from "../../shared/db";
import { Volunteer } from "../entities/volunteer.entity";

/** A volunteer's verified service as districts reports it. */
export interface ServiceRecord {
  hours: number;
  activities: Array<{ id: string; title: string; heldOn: string; category: ServiceCategory }>;
}

export type ServiceRecordSource = (volunteerId: number) => Promise<ServiceRecord>;

const SERVICE_RECORD = readOperation(
  path.join(__dirname, "..", "operations"),
  "certificate-service-record",
);

/** Reads the verified hours from districts through the gateway, with corps' SERVICE token. */
export const serviceRecordsThroughGateway =
  (config: HubConfig): ServiceRecordSource =>
  async (volunteerId) => {
    const data = await new ServiceClient(config, "corps").query<{
      volunteer: { serviceHours: number; activities: ServiceRecord["activities"] } | null;
    }>(SERVICE_RECORD, { id: String(volunteerId) });
    if (!data.volunteer || typeof data.volunteer.serviceHours !== "number") {
      throw new ServiceUnavailable(
        `the gateway returned no service record for volunteer ${volunteerId}`,
      );
    }
    return { hours: data.volunteer.serviceHours, activities: data.volunteer.activities ?? [] };
  };

/** Volunteers who have served under an appointment; APPLIED ones never have. */
const CERTIFIABLE = [
  VolunteerStatus.APPOINTED,
  VolunteerStatus.SUSPENDED,
  VolunteerStatus.WITHDRAWN,
];

export function summarise(record: ServiceRecord, hours: number) {
  const categories = [...new Set(record.activities.map((a) => a.category))].sort();
  const dates = record.activities.map((a) => a.heldOn).sort();
  const span = dates.length ? `（${dates[0]} 至 ${dates[dates.length - 1]}）` : "";
  const summary =
    `参加志愿服务活动 ${record.activities.length} 次${span}，累计服务 ${hours} 小时` +
    (categories.length
      ? `，服务类别：${categories.map((c) => SERVICE_CATEGORY_NAMES[c] ?? c).join("、")}`
      : "");
  return { categories, summary };
}

/**
 * The volunteer's own request (requestCertificate): inside the issuing transaction, with the
 * volunteer's row locked (MySQL; SQLite serialises writers), the hours must exceed those of its
 * latest certificate, so parallel requests issue one certificate and the rest are CONFLICT.
 */
async function assertHoursGrew(tx: EntityManager, volunteerId: number, hours: number) {
  await tx
    .getRepository(Volunteer)
    .findOne({ where: { id: volunteerId }, lock: rowLock(tx.connection) });
  const latest = await tx
    .getRepository(Certificate)
    .findOne({ where: { volunteerId }, order: { id: "DESC" } });
  if (latest && hours <= latest.hours)
    throw conflict(
      `your verified hours (${hours}) have not grown since certificate ${latest.number} ` +
        `(${latest.hours} hours); download that one, or ask again once you have served more`,
      { latest: latest.number },
    );
}

export async function issueCertificate(
  db: DataSource,
  audit: Audit,
  volunteerId: string,
  readServiceRecord: ServiceRecordSource,
  /** The volunteer asks itself: only when its hours grew (checked atomically); none is CONFLICT. */
  ownRequest = false,
): Promise<Certificate> {
  const volunteer = await findVolunteer(db, volunteerId);
  if (!CERTIFIABLE.includes(volunteer.status)) {
    throw conflict(
      `volunteer ${volunteer.id} is ${volunteer.status}: only a volunteer who has been appointed ` +
        `(${CERTIFIABLE.join(", ")}) can be certified`,
      { status: volunteer.status },
    );
  }
  let record: ServiceRecord;
  try {
    record = await readServiceRecord(volunteer.id);
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    throw conflict(
      `cannot verify volunteer ${volunteer.id}'s service hours right now (${error.message}); ` +
        "no certificate was issued, try again when the districts subgraph is reachable",
    );
  }
  const hours = Math.round(record.hours * 100) / 100;
  if (!(hours > 0)) {
    // For the volunteer itself nothing is wrong with its request: there is nothing to certify yet.
    throw (ownRequest ? conflict : badInput)(
      `volunteer ${volunteer.id} has no verified service hours yet; a certificate needs hours above 0`,
    );
  }
  const { categories, summary } = summarise(record, hours);
  const issuedOn = today();
  const series = await openSeries(
    db,
    { table: "certificate", column: "number" },
    CERTIFICATE_PREFIX,
    issuedOn.slice(0, 4),
  );
  return db.transaction(async (tx) => {
    if (ownRequest) await assertHoursGrew(tx, volunteer.id, hours);
    const number = await nextNumber(tx, series);
    const repo = tx.getRepository(Certificate);
    await repo.insert({
      number,
      volunteerId: volunteer.id,
      volunteerName: volunteer.name,
      hours,
      activityCount: record.activities.length,
      categories,
      summary: summary.slice(0, 500),
      issuer: CERTIFICATE_ISSUER,
      issuedOn,
      actor: audit.actor,
    });
    // Kept in the volunteer's history, in the same transaction as the certificate.
    await recordEvents(tx, VolunteerEvent, audit, [
      {
        volunteerId: volunteer.id,
        action: VolunteerAction.ISSUE_CERTIFICATE,
        fromStatus: volunteer.status,
        toStatus: volunteer.status,
        comment: `service certificate ${number}: ${hours} hours, ${record.activities.length} activities`,
      },
    ]);
    return repo.findOneByOrFail({ number });
  });
}

/** A stored certificate by its number (any case, trimmed); null when none has it. */
export async function findCertificate(db: DataSource, number: string): Promise<Certificate | null> {
  const wanted = number.trim().toUpperCase();
  if (!wanted || wanted.length > 32) return null;
  return db.getRepository(Certificate).findOneBy({ number: wanted });
}

/** Public: what a certificate says, with the name masked; null for an unknown number. */
export async function verifyCertificate(
  db: DataSource,
  number: string,
): Promise<CertificateVerification | null> {
  const certificate = await findCertificate(db, number);
  if (!certificate) return null;
  return {
    number: certificate.number,
    volunteerName: maskName(certificate.volunteerName),
    hours: certificate.hours,
    issuedOn: certificate.issuedOn,
    issuer: certificate.issuer,
  };
}
