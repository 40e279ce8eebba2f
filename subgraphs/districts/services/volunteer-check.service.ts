// docs/domain.md rule 3, on the districts side: a participant's hours count only if the volunteer was
// APPOINTED on the activity's date (read from corps' status history, so a later suspension does not
// undo hours, and a suspension period is not credited after reinstatement) and had a service
// agreement valid on that date. Corps owns that data; this subgraph asks for it through the gateway
// in one batched request per 1,000 volunteers.
import path from "node:path";
import type { DataSource } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { readOperation } from "../../../runtime/operations";
import { businessDate } from "../../../runtime/dates";
import { redact } from "../../../runtime/errors";
import type { Logger } from "../../../runtime/log";
import { ServiceClient, ServiceUnavailable } from "../../shared/service-client";
import type { ActivityInput } from "../inputs/activity.input";
import { externalKey, type Batch } from "./batch";
import { recordedParticipants, type Recorded } from "./participations";

export interface VolunteerStanding {
  id: string;
  name: string;
  status: string;
  agreement: { validFrom: string; validTo: string } | null;
  /** Status changes, oldest first. */
  history: Array<{ at: string; toStatus: string }>;
}

/** Standing of each volunteer id (null when corps does not know it); throws ServiceUnavailable. */
export async function fetchStandings(
  config: HubConfig,
  ids: string[],
): Promise<Map<string, VolunteerStanding | null>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, VolunteerStanding | null>();
  const client = new ServiceClient(config, "districts");
  // One request per 1,000 volunteers (corps' limit); corps answers each with one IN (...) query.
  for (let i = 0; i < unique.length; i += STANDINGS_CHUNK) {
    const chunk = unique.slice(i, i + STANDINGS_CHUNK);
    const data = await client.query<{ volunteersByIds: Array<VolunteerStanding | null> }>(
      STANDINGS,
      {
        ids: chunk,
      },
    );
    chunk.forEach((id, k) => result.set(id, data.volunteersByIds[k] ?? null));
  }
  return result;
}

const STANDINGS_CHUNK = 1000;
const STANDINGS = readOperation(path.join(__dirname, "..", "operations"), "volunteer-standings");

/**
 * The statuses the volunteer had during `day` (Shenzhen date): the one it started with and every
 * one it moved to that day, so a suspension in the evening does not undo the morning's service.
 * Empty before registration.
 */
export function statusesOn(standing: VolunteerStanding, day: string): string[] {
  if (!standing.history.length) return [standing.status]; // no history kept: the present is all we know
  let current: string | null = null;
  const during: string[] = [];
  for (const event of standing.history) {
    const date = businessDate(new Date(event.at));
    if (date > day) break;
    if (date === day) during.push(event.toStatus);
    else current = event.toStatus;
  }
  return current ? [current, ...during] : during;
}

/** Why this participant's hours cannot count on heldOn, or null when they can. */
export function participantProblem(
  id: string,
  heldOn: string,
  standing: VolunteerStanding | null | undefined,
) {
  if (!standing) return `volunteer ${id} is not known to the corps`;
  const statuses = statusesOn(standing, heldOn);
  if (!statuses.includes("APPOINTED")) {
    return `volunteer ${id} (${standing.name}) was ${statuses.at(-1) ?? "not yet registered"} on ${heldOn}, not APPOINTED`;
  }
  const a = standing.agreement;
  if (!a || heldOn < a.validFrom || heldOn > a.validTo) {
    return `volunteer ${id} (${standing.name}) has no service agreement valid on ${heldOn}${a ? ` (valid ${a.validFrom} to ${a.validTo})` : ""}`;
  }
  return null;
}

/**
 * The participants of a row that corps must be asked about: those already recorded for the same
 * activity on the same date were verified when first published, so re-sending or correcting a row
 * does not depend on corps.
 */
export function participantsToVerify(input: ActivityInput, recorded: Recorded | undefined) {
  return input.participants.filter(
    (p) =>
      !(recorded && recorded.heldOn === input.heldOn && recorded.volunteerIds.has(p.volunteerId)),
  );
}

/** Why a row's participants cannot be credited (every reason, joined), or null when they can. */
export function participantsProblem(
  input: ActivityInput,
  toVerify: ActivityInput["participants"],
  standings: ReadonlyMap<string, VolunteerStanding | null>,
): string | null {
  const problems = toVerify
    .map((p) => participantProblem(p.volunteerId, input.heldOn, standings.get(p.volunteerId)))
    .filter(Boolean);
  return problems.join("; ") || null;
}

export const UNVERIFIABLE =
  "cannot verify volunteers now (the corps service is unreachable); send this row again later";

/**
 * The participant check of an activity batch: corps is asked once for every participant not yet
 * recorded; a row whose participants cannot be credited is rejected with the reasons, and when
 * corps cannot answer, every row that needed it is rejected (nothing is accepted unchecked).
 */
export async function checkParticipants(
  db: DataSource,
  config: HubConfig,
  districtCode: string,
  batch: Batch<ActivityInput>,
  log: Logger,
) {
  const externalIds = batch.rows.map((r) => r.input.externalId);
  const recorded = await recordedParticipants(db, districtCode, externalIds);
  const toVerify = (input: ActivityInput) =>
    participantsToVerify(input, recorded.get(externalKey(input.externalId)));
  try {
    const ids = batch.rows.flatMap((r) => toVerify(r.input).map((p) => p.volunteerId));
    const standings = await fetchStandings(config, ids);
    batch.check(({ input }) => participantsProblem(input, toVerify(input), standings));
  } catch (error) {
    if (!(error instanceof ServiceUnavailable)) throw error;
    log.warn(
      {
        rows: batch.rows.filter((r) => toVerify(r.input).length).length,
        reason: redact(error.message),
      },
      "volunteer check failed: corps cannot be asked through the gateway; rows refused",
    );
    batch.check(({ input }) => (toVerify(input).length ? UNVERIFIABLE : null));
  }
}
