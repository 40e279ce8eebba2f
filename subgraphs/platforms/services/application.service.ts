// Applying for demonstration-platform status (docs/domain.md "platforms"): a new application
// (CITY_ADMIN), an application for the platform record an operator's token names (amending it
// while APPLIED, reopening it when REJECTED or REVOKED), and a district's recommendation of one of
// its own FILED workstations. Source stations are checked with districts through the gateway.
import type { DataSource } from "typeorm";
import type { Caller } from "../../../runtime/auth";
import type { HubConfig } from "../../../runtime/config";
import { badInput, forbidden } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import type { Audit } from "../../shared/audit";
import { rowId } from "../../shared/ids";
import { Platform } from "../entities/platform.entity";
import type { PlatformInput } from "../inputs/platform.input";
import type { RecommendationInput } from "../inputs/recommendation.input";
import { PlatformAction, PlatformStatus, type PlatformKind } from "../vocabulary";
import { assertPlatformWriter } from "./access";
import { applicationTransition } from "./lifecycle";
import { findPlatform, recordEvent, writePlatform } from "./platform-writes";
import { liveKeys } from "./live-keys";
import { assertNameFree, assertStationFree, claimingLiveKeys } from "./live-platforms.service";
import {
  checkSourceStation,
  stationThroughGateway,
  type StationStanding,
} from "./station-check.service";
import { required } from "./text";

interface Details {
  name: string;
  kind: PlatformKind;
  operatorName: string;
  districtCode: string;
  sourceStationId: number | null;
}

/** The application's details, trimmed (the input's validation has checked the district code). */
export function applicationDetails(input: PlatformInput): Details {
  const source = input.sourceStationId?.trim() || null;
  const sourceStationId = source === null ? null : rowId(source);
  if (source !== null && sourceStationId === null)
    throw badInput(`sourceStationId ${source}: there is no such workstation`);
  return {
    name: required("name", input.name),
    kind: input.kind,
    operatorName: required("operatorName", input.operatorName),
    districtCode: input.districtCode,
    sourceStationId,
  };
}

async function checkSource(db: DataSource, config: HubConfig, details: Details, exceptId?: number) {
  if (details.sourceStationId === null) return;
  const id = String(details.sourceStationId);
  checkSourceStation(
    "sourceStationId",
    id,
    await stationThroughGateway(config, id),
    details.districtCode,
  );
  await assertStationFree(db, details.sourceStationId, exceptId);
}

/**
 * applyPlatform: without an id (CITY_ADMIN) a new application; for an existing platform (its id,
 * or for a PLATFORM_OPERATOR the platform of its token) an amendment or a new application of it.
 */
export async function applyPlatform(
  db: DataSource,
  config: HubConfig,
  caller: Caller,
  audit: Audit,
  input: PlatformInput,
  id: string | null,
): Promise<Platform> {
  const targetId = id ?? (caller.role === "PLATFORM_OPERATOR" ? caller.platform! : null);
  if (targetId !== null) assertPlatformWriter(caller, targetId);
  const details = applicationDetails(input);
  if (targetId === null) return createApplication(db, config, audit, details);
  return applyAgain(db, config, audit, await findPlatform(db, targetId), details);
}

async function createApplication(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  details: Details,
): Promise<Platform> {
  await assertNameFree(db, details);
  await checkSource(db, config, details);
  return claimingLiveKeys(db, details, undefined, () =>
    insertApplication(db, audit, details, PlatformAction.APPLY, null),
  );
}

async function insertApplication(
  db: DataSource,
  audit: Audit,
  details: Details,
  action: PlatformAction,
  recommendation: string | null,
) {
  return db.transaction(async (tx) => {
    const status = PlatformStatus.APPLIED;
    const { identifiers } = await tx.getRepository(Platform).insert({
      ...details,
      ...liveKeys({ ...details, status }),
      status,
      appliedOn: today(),
      recommendation,
    });
    const id = Number(identifiers[0].id);
    await recordEvent(tx, audit, id, action, null, PlatformStatus.APPLIED, recommendation);
    return tx.getRepository(Platform).findOneByOrFail({ id });
  });
}

const DETAIL_FIELDS = ["name", "kind", "operatorName", "districtCode", "sourceStationId"] as const;

async function applyAgain(
  db: DataSource,
  config: HubConfig,
  audit: Audit,
  platform: Platform,
  details: Details,
): Promise<Platform> {
  const transition = applicationTransition(platform.id, platform.status);
  const changed = DETAIL_FIELDS.filter((f) => platform[f] !== details[f]);
  if (transition === "amend" && !changed.length) return platform; // nothing to amend
  await assertNameFree(db, details, platform.id);
  // A reopened application is checked afresh; an amendment when its station or district changes.
  if (
    transition === "reapply" ||
    changed.includes("sourceStationId") ||
    changed.includes("districtCode")
  )
    await checkSource(db, config, details, platform.id);
  const reopened = transition === "reapply";
  return claimingLiveKeys(db, details, platform.id, () =>
    db.transaction((tx) =>
      writePlatform(tx, audit, platform, {
        move: transition,
        columns: reopened
          ? { ...details, appliedOn: today(), level: null, certifiedOn: null }
          : { ...details },
        comment: changed.length ? `changed: ${changed.join(", ")}` : null,
      }),
    ),
  );
}

/** recommendStation: a DISTRICT_OPERATOR recommends one of its own FILED workstations. */
export async function recommendStation(
  db: DataSource,
  config: HubConfig,
  caller: Caller,
  audit: Audit,
  input: RecommendationInput,
): Promise<Platform> {
  if (caller.role !== "DISTRICT_OPERATOR" || !caller.district)
    throw forbidden("only a district's operator recommends its workstations");
  const comment = required("comment", input.comment);
  const stationId = input.stationId.trim();
  const station: StationStanding = checkSourceStation(
    "stationId",
    stationId,
    await stationThroughGateway(config, stationId),
    caller.district,
    caller,
  );
  const details: Details = {
    name: input.name ? required("name", input.name) : station.name.slice(0, 200),
    kind: input.kind,
    operatorName: required("operatorName", input.operatorName),
    districtCode: caller.district,
    sourceStationId: Number(station.id),
  };
  await assertStationFree(db, details.sourceStationId!);
  await assertNameFree(db, details);
  return claimingLiveKeys(db, details, undefined, () =>
    insertApplication(db, audit, details, PlatformAction.RECOMMEND, comment),
  );
}
