// Who sees and who writes a platform. Every path to a platform (the root query, lookups by id,
// entity references from other subgraphs, Volunteer.mentoring) goes through visiblePlatform; every
// write to one through assertPlatformWriter.
import type { Caller } from "../../../runtime/auth";
import { forbidden } from "../../../runtime/errors";
import type { Platform } from "../entities/platform.entity";
import { PlatformStatus } from "../vocabulary";

/**
 * Signed-in callers see every platform; anonymous callers (a published story read by the public)
 * see CERTIFIED platforms only: an application, a rejection or a revoked platform is null to them.
 */
export function visiblePlatform(caller: Caller | null, platform: Platform | null): Platform | null {
  return platform && (caller || platform.status === PlatformStatus.CERTIFIED) ? platform : null;
}

/**
 * CITY_ADMIN writes any platform; a PLATFORM_OPERATOR only the one its token names (claim
 * `platform`). Checked on the id, before the row is read, so that an operator learns nothing about
 * other platforms, not even whether they exist.
 */
export function assertPlatformWriter(caller: Caller, platformId: string | number): Caller {
  if (caller.role === "CITY_ADMIN") return caller;
  if (caller.role === "PLATFORM_OPERATOR" && caller.platform === String(platformId)) return caller;
  throw forbidden(
    caller.role === "PLATFORM_OPERATOR"
      ? `you operate platform ${caller.platform} and cannot write platform ${platformId}`
      : `role ${caller.role} cannot write platform ${platformId}`,
  );
}
